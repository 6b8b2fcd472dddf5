package io.staticinvoice.gateway;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.staticinvoice.lightning.wire.ErrorMessage;
import io.staticinvoice.lightning.wire.Features;
import io.staticinvoice.lightning.wire.LightningMessage;
import io.staticinvoice.lightning.wire.NodeId;
import io.staticinvoice.lightning.wire.OnionMessage;
import io.staticinvoice.lightning.wire.Pong;
import io.staticinvoice.lightning.wire.UnknownMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * The peer stage of a connection (see {@link PeerPipeline}): once {@link InitExchange} reports
 * the peer's {@code init}, makes the {@link Peer}, announces it to the stages behind this one
 * ({@link Connected}), registers it and completes the connection's future; unregisters it when
 * the connection closes.
 *
 * <p>It applies BOLT 1's rules to the messages no other stage takes: a {@code warning} is
 * logged and an {@code error} closes the connection ("The error and warning Messages"), an
 * unknown even type closes it and an unknown odd one is ignored ("Lightning Message Format":
 * it's ok to be odd), a second {@code init} closes it as malformed; onion messages and
 * {@code pong}s pass on.
 *
 * <p>It closes the connection for every stage, counting the reason once, and from then on drops
 * whatever the peer still sends, so the stages behind it never see it. Runs on the
 * connection's event loop.
 */
final class PeerSession extends ChannelInboundHandlerAdapter {

    static final String NAME = "peer";

    /** Pipeline event fired to the stages behind the peer stage when the peer is made, before it is registered. */
    record Connected(Peer peer) {
    }

    private static final Logger log = LoggerFactory.getLogger(PeerSession.class);

    private final Direction direction;
    private final PeerRegistry registry;
    private final GatewayMetrics metrics;
    private final CompletableFuture<Peer> ready;
    private final OnionMessagePacing pacing;
    private ChannelHandlerContext ctx;
    private NodeId remoteNodeId;
    private Peer peer;
    private boolean closing;

    /**
     * @param ready  completed with the peer once {@code init} is exchanged, failed if the
     *               connection closes before
     * @param pacing the stage that writes the peer's onion messages
     */
    PeerSession(Direction direction, PeerRegistry registry, GatewayMetrics metrics, CompletableFuture<Peer> ready,
                OnionMessagePacing pacing) {
        this.direction = direction;
        this.registry = registry;
        this.metrics = metrics;
        this.ready = ready;
        this.pacing = pacing;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof InitExchange.Completed completed) {
            connected(completed.remoteFeatures());
            return;
        }
        if (event instanceof HandshakeCompleted completed) {
            remoteNodeId = completed.remoteNodeId();
        }
        super.userEventTriggered(ctx, event);
    }

    private void connected(Features features) {
        peer = new Peer(remoteNodeId, direction, Instant.now(), (InetSocketAddress) ctx.channel().remoteAddress(),
                features, ctx.channel(), pacing, this);
        ctx.fireUserEventTriggered(new Connected(peer));
        log.info("Peer {} connected ({}, {})", remoteNodeId, direction, ctx.channel().remoteAddress());
        registry.register(peer);
        ready.complete(peer);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        LightningMessage message = (LightningMessage) msg;
        if (closing) {
            return;
        }
        if (message instanceof OnionMessage || message instanceof Pong) {
            ctx.fireChannelRead(message);
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

    private void onError(ErrorMessage error) {
        log.info("Peer {} sent {}: {}", remoteNodeId, error.name(), error.printableData());
        if (error.level() == ErrorMessage.Level.ERROR) {
            close(GatewayMetrics.Disconnect.PEER_ERROR);
        }
    }

    /** True once the connection is being closed: nothing more is read from it or queued for it. */
    boolean isClosing() {
        return closing;
    }

    /** Closes the connection, counting why (once). */
    void close(GatewayMetrics.Disconnect reason) {
        if (closing) {
            return;
        }
        closing = true;
        metrics.disconnected(reason);
        log.debug("Closing connection to {} ({}): {}", remoteNodeId, ctx.channel().remoteAddress(), reason);
        ctx.close();
    }

    /** Tells the peer why in a {@code warning}, then closes, counting why. */
    void closeWithWarning(GatewayMetrics.Disconnect reason, String text) {
        closing = true;
        metrics.disconnected(reason);
        log.info("Disconnecting {}: {}", remoteNodeId, text);
        ctx.writeAndFlush(ErrorMessage.of(ErrorMessage.Level.WARNING, text)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("Connection to {} ({}) failed: {}", remoteNodeId, ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    /**
     * Lets the stages behind this one stop their timers and fail what they hold first, then
     * unregisters the peer and fails the connection's future if {@code init} never completed it.
     */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        ctx.fireChannelInactive();
        if (peer != null) {
            log.info("Peer {} disconnected", remoteNodeId);
            registry.unregister(peer);
        }
        ready.completeExceptionally(new PeerUnavailableException(remoteNodeId, PeerUnavailableException.Reason.DISCONNECTED));
    }
}
