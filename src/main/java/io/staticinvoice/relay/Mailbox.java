package io.staticinvoice.relay;

import io.staticinvoice.gateway.UnbuiltOnionMessage;
import io.staticinvoice.lightning.wire.NodeId;
import io.staticinvoice.lightning.wire.OnionMessage;
import java.util.concurrent.CompletableFuture;

/**
 * Holds onion messages for peers that are not connected (DESIGN.md step 5: forwarded
 * invoice_requests, {@code held_htlc_available}) and delivers them, in order, when the peer
 * connects. Holds them only for destinations it knows (configured peers, nodes that connected
 * recently); bounded per destination and in total, dropping the oldest.
 */
public interface Mailbox {

    /**
     * Stores {@code message} for {@code destination}. May wait for room in a bounded queue: never
     * call it on an event loop.
     *
     * @return completes once the message is stored (durably): false when the destination is
     *         unknown here, so the message was dropped and counted
     */
    CompletableFuture<Boolean> store(NodeId destination, OnionMessage message);

    /**
     * Stores one of this node's own messages for its first hop, to be built when that node
     * connects, as {@link #store(NodeId, OnionMessage)} does.
     */
    CompletableFuture<Boolean> store(UnbuiltOnionMessage message);
}
