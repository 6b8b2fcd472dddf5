package io.staticinvoice.gateway;

/**
 * Told when a peer finishes its {@code init} exchange and when its connection closes. Called on
 * the connection's event loop: implementations must return quickly and hand slow work (database,
 * crypto) to a worker.
 */
public interface PeerListener {

    default void peerConnected(Peer peer) {
    }

    default void peerDisconnected(Peer peer) {
    }
}
