package io.staticinvoice.gateway;

import io.staticinvoice.lightning.wire.NodeId;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The peers of this gateway instance that finished BOLT 8 and exchanged {@code init}, at most
 * one connection per node (BOLT 1: a single connection per peer; a new one replaces the old,
 * so a wallet that changed networks is not locked out until the stale one times out).
 * Thread-safe.
 */
public final class PeerRegistry {

    private final Map<NodeId, Peer> peers = new ConcurrentHashMap<>();
    private final List<PeerListener> listeners = new CopyOnWriteArrayList<>();

    public void addListener(PeerListener listener) {
        listeners.add(listener);
    }

    public void removeListener(PeerListener listener) {
        listeners.remove(listener);
    }

    public Optional<Peer> get(NodeId nodeId) {
        return Optional.ofNullable(peers.get(nodeId));
    }

    public boolean isConnected(NodeId nodeId) {
        return peers.containsKey(nodeId);
    }

    public Collection<Peer> all() {
        return List.copyOf(peers.values());
    }

    public int size() {
        return peers.size();
    }

    /** Adds {@code peer}, closing any earlier connection of the same node, and tells the listeners. */
    void register(Peer peer) {
        Peer previous = peers.put(peer.nodeId(), peer);
        if (previous != null) {
            previous.disconnect(GatewayMetrics.Disconnect.REPLACED);
        }
        listeners.forEach(listener -> listener.peerConnected(peer));
    }

    /** Removes {@code peer} if it is still the registered connection of its node. */
    void unregister(Peer peer) {
        if (peers.remove(peer.nodeId(), peer)) {
            listeners.forEach(listener -> listener.peerDisconnected(peer));
        }
    }
}
