package io.staticinvoice.relay;

import io.staticinvoice.lightning.wire.NodeId;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Where peers can be reached: configured ({@code sis.lightning.peers}) or seen on an earlier
 * outbound connection, shared by the replicas. Used to connect to the first hop of a blinded
 * path that is not connected. Blocking (database): call it from a worker thread.
 */
public interface PeerAddressBook {

    Optional<InetSocketAddress> lookup(NodeId nodeId);

    void remember(NodeId nodeId, InetSocketAddress address);
}
