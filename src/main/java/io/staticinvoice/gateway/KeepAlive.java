package io.staticinvoice.gateway;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.ScheduledFuture;
import io.staticinvoice.lightning.wire.Ping;
import io.staticinvoice.lightning.wire.Pong;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Our side of BOLT 1's {@code ping}/{@code pong} ("The ping and pong Messages"), a stage of a
 * connection (see {@link PeerPipeline}): once the peer is connected, sends a keep-alive
 * {@code ping} every {@code ping-interval} unless one is out already, and disconnects the peer
 * ({@code pong_timeout}) when no {@code pong} answers a ping within {@code pong-timeout}.
 *
 * <p>At most one ping is out at a time, so a {@code pong} answers the ping that is out; other
 * pongs are dropped. A stage behind this one may send a ping too, by writing it through this
 * one. For every ping sent this stage fires {@link PingSent} to the stages behind it, and it
 * passes on the pong that answers it: {@link OnionMessagePacing} counts what the ping
 * acknowledges. Runs on the connection's event loop.
 */
final class KeepAlive extends ChannelDuplexHandler {

    static final String NAME = "keepalive";

    /** Pipeline event fired to the stages behind the keep-alive stage as a {@code ping} is written. */
    enum PingSent { INSTANCE }

    private final Duration interval;
    private final Duration pongTimeout;
    private final PeerSession session;
    private ScheduledFuture<?> pingTimer;
    private ScheduledFuture<?> pongTimer;
    private boolean awaitingPong;

    /**
     * @param interval    time between keep-alive pings
     * @param pongTimeout time the peer has to answer a ping
     * @param session     the peer stage, which closes the connection
     */
    KeepAlive(Duration interval, Duration pongTimeout, PeerSession session) {
        this.interval = interval;
        this.pongTimeout = pongTimeout;
        this.session = session;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof PeerSession.Connected) {
            long millis = interval.toMillis();
            pingTimer = ctx.executor().scheduleAtFixedRate(() -> keepAlive(ctx), millis, millis, TimeUnit.MILLISECONDS);
        }
        super.userEventTriggered(ctx, event);
    }

    private void keepAlive(ChannelHandlerContext ctx) {
        if (!awaitingPong && !session.isClosing()) {
            pingSent(ctx);
            ctx.writeAndFlush(new Ping(0, 0));
        }
    }

    /** A ping written by a stage behind this one. */
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof Ping) {
            pingSent(ctx);
        }
        super.write(ctx, msg, promise);
    }

    private void pingSent(ChannelHandlerContext ctx) {
        awaitingPong = true;
        pongTimer = ctx.executor().schedule(() -> session.close(GatewayMetrics.Disconnect.PONG_TIMEOUT),
                pongTimeout.toMillis(), TimeUnit.MILLISECONDS);
        ctx.fireUserEventTriggered(PingSent.INSTANCE);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof Pong) {
            if (!awaitingPong) {
                return;
            }
            awaitingPong = false;
            pongTimer.cancel(false);
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel(pingTimer);
        cancel(pongTimer);
        super.channelInactive(ctx);
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
