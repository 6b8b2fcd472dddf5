package io.staticinvoice.gateway;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import io.staticinvoice.lightning.wire.ErrorMessage;
import io.staticinvoice.lightning.wire.Feature;
import io.staticinvoice.lightning.wire.Init;
import io.staticinvoice.lightning.wire.LightningMessage;
import io.staticinvoice.lightning.wire.NetworkAddress;
import io.staticinvoice.lightning.wire.NodeId;
import io.staticinvoice.lightning.wire.OnionMessage;
import io.staticinvoice.lightning.wire.Ping;
import io.staticinvoice.lightning.wire.Pong;
import io.staticinvoice.lightning.wire.UnknownMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The BOLT 1 side of one connection, after the BOLT 8 handshake: sends our {@code init} and
 * checks the peer's (features, onion message support, chain), registers the {@link Peer}, puts
 * a {@link PingResponder} in front of itself to answer the peer's pings, sends keep-alive pings
 * and disconnects when no pong comes, obeys the "it's ok to be odd" rule, rate-limits incoming onion messages and hands them to the worker
 * pool, paces outgoing onion messages, and stops reading from a peer that does not read.
 *
 * <p>Pacing: LDK stops reading onion messages from a peer that has 32 unanswered messages since
 * its last pong, and its messenger drops anything beyond 256 KiB queued per peer. So at most
 * {@code max-messages-in-flight} messages and {@code max-bytes-in-flight} bytes are written
 * before a {@code ping} is answered; the rest wait in a bounded per-peer queue.
 * Onion messages queued for a peer hold their bytes in the {@link OutboundBudget} of all peers
 * until written.
 *
 * <p>All methods run on the connection's event loop.
 */
final class PeerHandler extends ChannelDuplexHandler {

    static final String NAME = "peer";

    private static final Logger log = LoggerFactory.getLogger(PeerHandler.class);
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

    private final GatewayContext context;
    private final Direction direction;
    private final CompletableFuture<Peer> ready;
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    /** Written messages whose sender waits for a pong, oldest first. */
    private final ArrayDeque<Outgoing> unacknowledged = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private NodeId remoteNodeId;
    private Peer peer;
    private TokenBucket onionRate;
    private ScheduledFuture<?> initTimer;
    private ScheduledFuture<?> pingTimer;
    private ScheduledFuture<?> pongTimer;
    private long queuedBytes;
    private int inFlightMessages;
    private long inFlightBytes;
    private boolean awaitingPong;
    private int messagesCoveredByPing;
    private long bytesCoveredByPing;
    private int acknowledgementsCoveredByPing;
    private boolean closing;

    /**
     * @param ready completed with the peer once {@code init} is exchanged, failed if the
     *              connection closes before
     */
    PeerHandler(GatewayContext context, Direction direction, CompletableFuture<Peer> ready) {
        this.context = context;
        this.direction = direction;
        this.ready = ready;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof HandshakeCompleted completed) {
            remoteNodeId = completed.remoteNodeId();
            initTimer = ctx.executor().schedule(() -> close(GatewayMetrics.Disconnect.NO_INIT),
                    context.settings().handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
            ctx.writeAndFlush(ourInit());
        } else {
            super.userEventTriggered(ctx, event);
        }
    }

    private Init ourInit() {
        Optional<NetworkAddress> remote = direction == Direction.INBOUND
                ? PublicAddresses.of(ctx.channel().remoteAddress())
                : Optional.empty();
        return new Init(context.features(), List.of(context.chain()), remote);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        LightningMessage message = (LightningMessage) msg;
        if (closing) {
            return;
        }
        if (peer == null) {
            onSetupMessage(message);
        } else if (message instanceof OnionMessage onion) {
            onOnionMessage(onion);
        } else if (message instanceof Pong) {
            onPong();
        } else if (message instanceof ErrorMessage error) {
            onError(error);
        } else if (message instanceof UnknownMessage unknown) {
            if (!unknown.isOdd()) {
                log.debug("Peer {} sent unknown even message type {}", remoteNodeId, unknown.type());
                close(GatewayMetrics.Disconnect.UNKNOWN_EVEN_MESSAGE);
            }
        } else {
            log.debug("Peer {} sent a second init", remoteNodeId);
            close(GatewayMetrics.Disconnect.MALFORMED_MESSAGE);
        }
    }

    private void onSetupMessage(LightningMessage message) {
        if (!(message instanceof Init init)) {
            log.debug("Peer {} sent {} before init", remoteNodeId, message.name());
            close(GatewayMetrics.Disconnect.NO_INIT);
            return;
        }
        List<Integer> unknownRequired = init.features().requiredBitsMissingFrom(context.features());
        if (!unknownRequired.isEmpty()) {
            closeWithWarning(GatewayMetrics.Disconnect.INCOMPATIBLE_FEATURES,
                    "required feature bits unknown to us: " + unknownRequired);
            return;
        }
        if (!init.features().supports(Feature.ONION_MESSAGES)) {
            closeWithWarning(GatewayMetrics.Disconnect.NO_ONION_MESSAGES,
                    "this node only talks to peers that support option_onion_messages");
            return;
        }
        if (!init.networks().isEmpty() && !init.networks().contains(context.chain())) {
            closeWithWarning(GatewayMetrics.Disconnect.INCOMPATIBLE_CHAIN, "no common chain");
            return;
        }
        initTimer.cancel(false);
        onionRate = new TokenBucket(context.settings().onionMessageRate().perSecond(),
                context.settings().onionMessageRate().burst(), System::nanoTime);
        TokenBucket pingRate = new TokenBucket(1e9 / context.settings().pingRefill().toNanos(),
                context.settings().pingBurst(), System::nanoTime);
        ctx.pipeline().addBefore(NAME, PingResponder.NAME, new PingResponder(pingRate, context.outbound(), context.metrics()));
        peer = new Peer(remoteNodeId, direction, Instant.now(), (InetSocketAddress) ctx.channel().remoteAddress(),
                init.features(), ctx.channel(), this);
        long interval = context.settings().pingInterval().toMillis();
        pingTimer = ctx.executor().scheduleAtFixedRate(this::keepAlive, interval, interval, TimeUnit.MILLISECONDS);
        log.info("Peer {} connected ({}, {})", remoteNodeId, direction, ctx.channel().remoteAddress());
        context.registry().register(peer);
        ready.complete(peer);
    }

    private void onOnionMessage(OnionMessage message) {
        if (!onionRate.tryTake()) {
            context.metrics().dropped(GatewayMetrics.Drop.RATE_LIMITED);
            return;
        }
        Peer from = peer;
        context.workers().trySubmit(from, () -> context.inbound().onOnionMessage(from, message));
    }

    private void onError(ErrorMessage error) {
        log.info("Peer {} sent {}: {}", remoteNodeId, error.name(), error.printableData());
        if (error.level() == ErrorMessage.Level.ERROR) {
            close(GatewayMetrics.Disconnect.PEER_ERROR);
        }
    }

    /**
     * Queues an onion message for writing within the pacing limits (see the class comment); a
     * full queue drops it, counted.
     */
    void enqueue(OnionMessage message, Peer.BatchSends sends) {
        enqueueAll(List.of(message), sends).ifPresent(context.metrics()::dropped);
    }

    /**
     * Queues the messages together or not at all, so that they leave in order: all fail when the
     * connection is going, or when they do not fit beside what is queued (an empty queue takes
     * them whatever their size, so that any batch can go) or in the {@link OutboundBudget}.
     * Returns why they did not fit, if they did not; the caller decides whether that is a drop.
     * When acknowledgements are asked for, a ping follows the messages.
     */
    Optional<GatewayMetrics.Drop> enqueueAll(List<OnionMessage> messages, Peer.BatchSends sends) {
        if (peer == null || closing || !ctx.channel().isActive()) {
            sends.failAll(new PeerUnavailableException(remoteNodeId, PeerUnavailableException.Reason.DISCONNECTED));
            return Optional.empty();
        }
        int[] sizes = messages.stream().mapToInt(message -> ONION_MESSAGE_OVERHEAD + message.packetLength()).toArray();
        long total = Arrays.stream(sizes).asLongStream().sum();
        if (queuedBytes > 0 && queuedBytes + total > context.settings().maxQueuedBytesPerPeer().toBytes()) {
            sends.failAll(new PeerUnavailableException(remoteNodeId, PeerUnavailableException.Reason.QUEUE_FULL));
            return Optional.of(GatewayMetrics.Drop.PEER_QUEUE_FULL);
        }
        if (!context.outbound().tryReserve(total)) {
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
                context.outbound().release(next.size());
                if (future.isSuccess()) {
                    next.written().complete(null);
                } else {
                    next.fail(ctx.channel().isActive() ? future.cause()
                            : new PeerUnavailableException(remoteNodeId, PeerUnavailableException.Reason.DISCONNECTED));
                }
            });
            wrote = true;
        }
        if ((!queue.isEmpty() || unacknowledged.size() > acknowledgementsCoveredByPing) && !awaitingPong) {
            sendPing();
            wrote = true;
        }
        if (wrote) {
            ctx.flush();
        }
    }

    private boolean mayWrite(int size) {
        return inFlightMessages < context.settings().maxMessagesInFlight()
                && (inFlightBytes == 0 || inFlightBytes + size <= context.settings().maxBytesInFlight().toBytes());
    }

    private void sendPing() {
        awaitingPong = true;
        messagesCoveredByPing = inFlightMessages;
        bytesCoveredByPing = inFlightBytes;
        acknowledgementsCoveredByPing = unacknowledged.size();
        ctx.write(new Ping(0, 0));
        pongTimer = ctx.executor().schedule(() -> close(GatewayMetrics.Disconnect.PONG_TIMEOUT),
                context.settings().pongTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void keepAlive() {
        if (!awaitingPong && !closing) {
            sendPing();
            ctx.flush();
        }
    }

    /** A pong acknowledges every message written before the ping it answers. */
    private void onPong() {
        if (!awaitingPong) {
            return;
        }
        awaitingPong = false;
        pongTimer.cancel(false);
        inFlightMessages -= messagesCoveredByPing;
        inFlightBytes -= bytesCoveredByPing;
        for (; acknowledgementsCoveredByPing > 0; acknowledgementsCoveredByPing--) {
            unacknowledged.poll().acknowledged().complete(null);
        }
        drain();
    }

    /**
     * Backpressure: while our writes to the peer pile up (it does not read its pongs, say), stop
     * reading from it, so a peer can never make us buffer more than the write high-water mark.
     */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        boolean writable = ctx.channel().isWritable();
        ctx.channel().config().setAutoRead(writable);
        if (writable && peer != null) {
            drain();
        }
        super.channelWritabilityChanged(ctx);
    }

    /** Closes the connection, counting why (once). */
    void close(GatewayMetrics.Disconnect reason) {
        if (closing) {
            return;
        }
        closing = true;
        context.metrics().disconnected(reason);
        log.debug("Closing connection to {} ({}): {}", remoteNodeId, ctx.channel().remoteAddress(), reason);
        ctx.close();
    }

    /** Tells the peer why in a {@code warning}, then closes. */
    private void closeWithWarning(GatewayMetrics.Disconnect reason, String text) {
        closing = true;
        context.metrics().disconnected(reason);
        log.info("Disconnecting {}: {}", remoteNodeId, text);
        ctx.writeAndFlush(ErrorMessage.of(ErrorMessage.Level.WARNING, text)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("Connection to {} ({}) failed: {}", remoteNodeId, ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closing = true;
        cancel(initTimer);
        cancel(pingTimer);
        cancel(pongTimer);
        PeerUnavailableException gone = new PeerUnavailableException(remoteNodeId, PeerUnavailableException.Reason.DISCONNECTED);
        queue.forEach(outgoing -> {
            context.outbound().release(outgoing.size());
            outgoing.fail(gone);
        });
        queue.clear();
        unacknowledged.forEach(outgoing -> outgoing.fail(gone));
        unacknowledged.clear();
        if (peer != null) {
            log.info("Peer {} disconnected", remoteNodeId);
            context.registry().unregister(peer);
        }
        ready.completeExceptionally(new PeerUnavailableException(remoteNodeId, PeerUnavailableException.Reason.DISCONNECTED));
        super.channelInactive(ctx);
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
