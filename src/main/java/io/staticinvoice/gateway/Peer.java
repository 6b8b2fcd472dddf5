package io.staticinvoice.gateway;

import io.netty.channel.Channel;
import io.staticinvoice.lightning.wire.Features;
import io.staticinvoice.lightning.wire.NodeId;
import io.staticinvoice.lightning.wire.OnionMessage;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Stream;

/**
 * A connected Lightning peer: BOLT 8 handshake done, {@code init} exchanged (BOLT 1), onion
 * messages supported. Thread-safe handle over the connection; all I/O happens on its event loop.
 */
public final class Peer {

    private final NodeId nodeId;
    private final Direction direction;
    private final Instant connectedAt;
    private final InetSocketAddress remoteAddress;
    private final Features features;
    private final Channel channel;
    private final OnionMessagePacing pacing;
    private final PeerSession session;

    /**
     * @param pacing  the connection's stage that writes onion messages
     * @param session the connection's stage that closes it
     */
    Peer(NodeId nodeId, Direction direction, Instant connectedAt, InetSocketAddress remoteAddress,
         Features features, Channel channel, OnionMessagePacing pacing, PeerSession session) {
        this.nodeId = nodeId;
        this.direction = direction;
        this.connectedAt = connectedAt;
        this.remoteAddress = remoteAddress;
        this.features = features;
        this.channel = channel;
        this.pacing = pacing;
        this.session = session;
    }

    public NodeId nodeId() {
        return nodeId;
    }

    public Direction direction() {
        return direction;
    }

    public Instant connectedAt() {
        return connectedAt;
    }

    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    /** The features the peer announced in its {@code init}. */
    public Features features() {
        return features;
    }

    public boolean isActive() {
        return channel.isActive();
    }

    /**
     * Queues an onion message for this peer. It is written when the peer's pacing allows
     * (at most {@code max-messages-in-flight} and {@code max-bytes-in-flight} unacknowledged by
     * a {@code pong}); the future completes once it is written to the socket, or fails when the
     * peer's queue is full or the connection closes first.
     */
    public CompletableFuture<Void> send(OnionMessage message) {
        BatchSends one = BatchSends.of(1, false);
        onEventLoop(() -> pacing.enqueue(message, one), one);
        return one.written().get(0);
    }

    /**
     * Queues an onion message as {@link #send} does, with a {@code ping} after it; the future
     * completes only once the {@code pong} shows the peer read past it, and fails if the
     * connection closes first, even after the message was written into it.
     */
    public CompletableFuture<Void> sendAcknowledged(OnionMessage message) {
        BatchSends one = BatchSends.of(1, true);
        onEventLoop(() -> pacing.enqueue(message, one), one);
        return one.acknowledged().get(0);
    }

    /**
     * The futures of queued messages, one per message: {@code written} as each is written to the
     * connection, {@code acknowledged} (empty when not asked for) once a {@code pong} shows the
     * peer read past it, so that a message written into a connection that is already dead fails
     * instead of passing as sent.
     */
    public record BatchSends(List<CompletableFuture<Void>> written, List<CompletableFuture<Void>> acknowledged) {

        static BatchSends of(int count, boolean acknowledged) {
            return new BatchSends(futures(count), acknowledged ? futures(count) : List.of());
        }

        private static List<CompletableFuture<Void>> futures(int count) {
            return Stream.generate(CompletableFuture<Void>::new).limit(count).toList();
        }

        /** Fails every future not yet completed. */
        void failAll(Throwable cause) {
            written.forEach(future -> future.completeExceptionally(cause));
            acknowledged.forEach(future -> future.completeExceptionally(cause));
        }
    }

    /**
     * Queues {@code messages} together, in order, or not at all (see {@link #send}), and has a
     * {@code ping} follow them. Nothing is counted as dropped when they do not fit: the caller
     * keeps them.
     */
    public BatchSends sendAll(List<OnionMessage> messages) {
        BatchSends sends = BatchSends.of(messages.size(), true);
        onEventLoop(() -> pacing.enqueueAll(messages, sends), sends);
        return sends;
    }

    /** Runs {@code enqueue} on the connection's event loop; once that is gone, fails {@code sends}. */
    private void onEventLoop(Runnable enqueue, BatchSends sends) {
        try {
            channel.eventLoop().execute(enqueue);
        } catch (RejectedExecutionException stopped) {
            sends.failAll(new PeerUnavailableException(nodeId, PeerUnavailableException.Reason.STOPPING));
        }
    }

    /** Closes the connection. */
    public void disconnect() {
        disconnect(GatewayMetrics.Disconnect.LOCAL_REQUEST);
    }

    void disconnect(GatewayMetrics.Disconnect reason) {
        try {
            channel.eventLoop().execute(() -> session.close(reason));
        } catch (RejectedExecutionException stopped) {
            channel.close();
        }
    }

    @Override
    public String toString() {
        return "Peer[" + nodeId + " " + direction + " " + remoteAddress + "]";
    }
}
