package io.staticinvoice.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.staticinvoice.lightning.wire.Ping;
import io.staticinvoice.lightning.wire.Pong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline stage that answers a peer's {@code ping}s (BOLT 1 "The ping and pong Messages"),
 * behind {@link InitExchange}, so it sees only what the peer sends after {@code init} (see
 * {@link PeerPipeline}); every other message passes through.
 *
 * <p>A peer may send {@code ping-burst} pings at once and one more per {@code ping-refill}, and one
 * more for every {@value #MESSAGES_PER_PING} other messages it sent: LDK sends a ping after every
 * 32 messages while it has more queued ({@code BUFFER_DRAIN_MSGS_PER_TICK} in rust-lightning's
 * peer handler), so a peer allowed many onion messages a second pings that much more often.
 * Beyond that it is disconnected ({@code ping_flood}; BOLT 1 lets a node fail a peer that pings
 * "significantly in excess"). A ping is answered only while the connection is writable (below
 * {@code max-outbound-bytes-per-peer} unsent) and its pong fits in the {@link OutboundBudget} of
 * all peers; otherwise it goes unanswered, counted. So a peer that asks for 65531-byte pongs and
 * never reads makes us hold at most one write high-water mark of them, plus one pong.
 *
 * <p>Runs on the connection's event loop.
 */
final class PingResponder extends ChannelInboundHandlerAdapter {

    static final String NAME = "pings";

    private static final Logger log = LoggerFactory.getLogger(PingResponder.class);
    /** A pong's type and length, and the BOLT 8 length header and MAC, on top of its ignored bytes. */
    static final int PONG_OVERHEAD = 2 + 2 + 18 + 16;
    /** Messages a peer sends for each ping it earns by them. */
    static final int MESSAGES_PER_PING = 32;

    private final TokenBucket rate;
    private final OutboundBudget outbound;
    private final GatewayMetrics metrics;
    private boolean flooded;
    private int messagesSinceEarnedPing;

    /** @param rate the peer's ping allowance */
    PingResponder(TokenBucket rate, OutboundBudget outbound, GatewayMetrics metrics) {
        this.rate = rate;
        this.outbound = outbound;
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (flooded) {
            return;
        }
        if (!(msg instanceof Ping ping)) {
            if (++messagesSinceEarnedPing == MESSAGES_PER_PING) {
                messagesSinceEarnedPing = 0;
                rate.give();
            }
            ctx.fireChannelRead(msg);
            return;
        }
        if (!rate.tryTake()) {
            flooded = true;
            metrics.disconnected(GatewayMetrics.Disconnect.PING_FLOOD);
            log.debug("Closing {}: pings beyond the allowed rate", ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        if (!ping.expectsPong()) {
            return;
        }
        if (!ctx.channel().isWritable()) {
            metrics.pingUnanswered(GatewayMetrics.UnansweredPing.NOT_WRITABLE);
            return;
        }
        int size = PONG_OVERHEAD + ping.numPongBytes();
        if (!outbound.tryReserve(size)) {
            metrics.pingUnanswered(GatewayMetrics.UnansweredPing.OUTBOUND_BUDGET);
            return;
        }
        ctx.writeAndFlush(new Pong(ping.numPongBytes())).addListener(written -> outbound.release(size));
    }
}
