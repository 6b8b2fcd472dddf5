package io.staticinvoice.gateway;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.wire.NodeId;

import java.net.InetSocketAddress;

/** A peer to connect to, written {@code nodeid@host:port} (66 hex characters, then a {@link HostPort}). */
public record PeerUri(NodeId nodeId, InetSocketAddress address) {

    public static PeerUri parse(String value) {
        int at = value.indexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("expected nodeid@host:port, got '" + value + "'");
        }
        try {
            return new PeerUri(NodeId.fromHex(value.substring(0, at).strip()), HostPort.parse(value.substring(at + 1)));
        } catch (DecodeException e) {
            throw new IllegalArgumentException("invalid node id in '" + value + "': " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return nodeId + "@" + address.getHostString() + ":" + address.getPort();
    }
}
