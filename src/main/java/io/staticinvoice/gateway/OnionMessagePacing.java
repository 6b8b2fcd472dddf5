package io.staticinvoice.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.staticinvoice.lightning.wire.NodeId;
import io.staticinvoice.lightning.wire.OnionMessage;
import io.staticinvoice.lightning.wire.Ping;
import io.staticinvoice.lightning.wire.Pong;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The stage of a connection (see {@link PeerPipeline}) that writes the onion messages queued for
 * the peer through {@link Peer}, paced by {@code pong}s, and stops reading from a peer that does
 * not read.
 *
 * <p>Pacing: LDK stops reading onion messages from a peer that has 32 unanswered messages since
 * its last pong, and its messenger drops anything beyond 256 KiB queued per peer. So at most
 * {@code max-messages-in-flight} messages and {@code max-bytes-in-flight} bytes are written
 * before a {@code ping} is answered; the rest wait in a bounded per-peer queue
 * ({@code max-queued-bytes-per-peer}). Onion messages queued for a peer hold their bytes in the
 * {@link OutboundBudget} of all peers until written. A pong acknowledges every message written
 * before the ping it answers, whoever sent that ping: this stage asks {@link KeepAlive} for one
 * by writing it when messages wait or senders wait for an acknowledgement, and learns of each
 * ping sent from {@link KeepAlive.PingSent}.
 *
 * <p>Backpressure: while our writes to the peer pile up (it does not read its pongs, say), the
 * connection stops reading from it, so a peer can never make us buffer more than the write
 * high-water mark. Runs on the connection's event loop.
 */
final class OnionMessagePacing extends ChannelInboundHandlerAdapter {

    static final String NAME = "pacing";

    /** path key (33) + u16 length, on top of the packet; the type (2) is framed with it. */
    private static final int ONION_MESSAGE_OVERHEAD = 2 + 33 + 2;

    /**
     * A message to send; {@code written} completes when it is written, {@code acknowledged} (when
     * the sender wants it) when a {@code pong} answers a {@code ping} sent after it.
     */
    private record Outgoing(OnionMessage message, int size, CompletableFuture<Void> written,
                            CompletableFuture<Void> acknowledged) {

        void fail(Throwable cause) {
            written.completeExceptionally(cause);
            if (acknowledged != null) {
                acknowledged.completeExceptionally(cause);
            }
        }
    }

    /** What the ping that is out acknowledges when its pong comes: what was in flight and awaited as it was sent. */
    private record Coverage(int messages, long bytes, int acknowledgements) {
    }

    private final int maxMessagesInFlight;
    private final long maxBytesInFlight;
    private final long maxQueuedBytes;
    private final OutboundBudget outbound;
    private final GatewayMetrics metrics;
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    /** Written messages whose sender waits for a pong, oldest first. */
    private final ArrayDeque<Outgoing> unacknowledged = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private NodeId remoteNodeId;
    private long queuedBytes;
    private int inFlightMessages;
    private long inFlightBytes;
    /** Null while no ping is out. */
    private Coverage coveredByPing;

    /**
     * @param maxMessagesInFlight messages written before a ping is answered
     * @param maxBytesInFlight    bytes written before a ping is answered (any one message may go)
     * @param maxQueuedBytes      bytes waiting to be written (an empty queue takes any batch)
     * @param outbound            the budget of all peers
     */
    OnionMessagePacing(int maxMessagesInFlight, long maxBytesInFlight, long maxQueuedBytes, OutboundBudget outbound,
                       GatewayMetrics metrics) {
        this.maxMessagesInFlight = maxMessagesInFlight;
        this.maxBytesInFlight = maxBytesInFlight;
        this.maxQueuedBytes = maxQueuedBytes;
        this.outbound = outbound;
        this.metrics = metrics;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof PeerSession.Connected connected) {
            remoteNodeId = connected.peer().nodeId();
        } else if (event == KeepAlive.PingSent.INSTANCE) {
            coveredByPing = new Coverage(inFlightMessages, inFlightBytes, unacknowledged.size());
        }
        super.userEventTriggered(ctx, event);
    }

    /**
     * Queues an onion message for writing within the pacing limits (see the class comment); a
     * full queue drops it, counted.
     */
    void enqueue(OnionMessage message, Peer.BatchSends sends) {
        enqueueAll(List.of(message), sends).ifPresent(metrics::dropped);
    }

    /**
     * Queues the messages together or not at all, so that they leave in order: all fail when the
     * connection is going, or when they do not fit beside what is queued (an empty queue takes
     * them whatever their size, so that any batch can go) or in the {@link OutboundBudget}.
     * Returns why they did not fit, if they did not; the caller decides whether that is a drop.
     * When acknowledgements are asked for, a ping follows the messages.
     */
    Optional<GatewayMetrics.Drop> enqueueAll(List<OnionMessage> messages, Peer.BatchSends sends) {
        if (!ctx.channel().isActive()) {
            sends.failAll(new PeerUnavailableException(remoteNodeId, PeerUnavailableException.Reason.DISCONNECTED));
            return Optional.empty();
        }
        int[] sizes = messages.stream().mapToInt(message -> ONION_MESSAGE_OVERHEAD + message.packetLength()).toArray();
        long total = Arrays.stream(sizes).asLongStream().sum();
        if (queuedBytes > 0 && queuedBytes + total > maxQueuedBytes) {
            sends.failAll(new PeerUnavailableException(remoteNodeId, PeerUnavailableException.Reason.QUEUE_FULL));
            return Optional.of(GatewayMetrics.Drop.PEER_QUEUE_FULL);
        }
        if (!outbound.tryReserve(total)) {
            sends.failAll(new PeerUnavailableException(remoteNodeId, PeerUnavailableException.Reason.QUEUE_FULL));
            return Optional.of(GatewayMetrics.Drop.OUTBOUND_BUDGET);
        }
        for (int i = 0; i < sizes.length; i++) {
            queue.add(new Outgoing(messages.get(i), sizes[i], sends.written().get(i),
                    sends.acknowledged().isEmpty() ? null : sends.acknowledged().get(i)));
            queuedBytes += sizes[i];
        }
        drain();
        return Optional.empty();
    }

    private void drain() {
        boolean wrote = false;
        while (!queue.isEmpty() && ctx.channel().isWritable() && mayWrite(queue.peek().size())) {
            Outgoing next = queue.poll();
            queuedBytes -= next.size();
            inFlightMessages++;
            inFlightBytes += next.size();
            if (next.acknowledged() != null) {
                unacknowledged.add(next);
            }
            ctx.write(next.message()).addListener(future -> {
                outbound.release(next.size());
                if (future.isSuccess()) {
                    next.written().complete(null);
                } else {
                    next.fail(ctx.channel().isActive() ? future.cause()
                            : new PeerUnavailableException(remoteNodeId, PeerUnavailableException.Reason.DISCONNECTED));
                }
            });
            wrote = true;
        }
        if (coveredByPing == null && (!queue.isEmpty() || !unacknowledged.isEmpty())) {
            ctx.write(new Ping(0, 0));
            wrote = true;
        }
        if (wrote) {
            ctx.flush();
        }
    }

    private boolean mayWrite(int size) {
        return inFlightMessages < maxMessagesInFlight
                && (inFlightBytes == 0 || inFlightBytes + size <= maxBytesInFlight);
    }

    /** A pong (the one that answers the ping that is out) acknowledges every message written before that ping. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!(msg instanceof Pong)) {
            super.channelRead(ctx, msg);
            return;
        }
        inFlightMessages -= coveredByPing.messages();
        inFlightBytes -= coveredByPing.bytes();
        for (int i = 0; i < coveredByPing.acknowledgements(); i++) {
            unacknowledged.poll().acknowledged().complete(null);
        }
        coveredByPing = null;
        drain();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        boolean writable = ctx.channel().isWritable();
        ctx.channel().config().setAutoRead(writable);
        if (writable) {
            drain();
        }
        super.channelWritabilityChanged(ctx);
    }

    /** Fails every message still queued or waiting for an acknowledgement, and gives back the queued bytes. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        PeerUnavailableException gone = new PeerUnavailableException(remoteNodeId, PeerUnavailableException.Reason.DISCONNECTED);
        queue.forEach(outgoing -> {
            outbound.release(outgoing.size());
            outgoing.fail(gone);
        });
        queue.clear();
        unacknowledged.forEach(outgoing -> outgoing.fail(gone));
        unacknowledged.clear();
        super.channelInactive(ctx);
    }
}
