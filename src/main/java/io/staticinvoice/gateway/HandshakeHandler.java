package io.staticinvoice.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.transport.Handshake;
import io.staticinvoice.lightning.wire.NodeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the BOLT 8 handshake on a new connection: sends and reads the fixed-size acts, closes
 * the connection without a word on any bad act or when the acts take longer than the handshake
 * timeout, and on success, once the {@link Admission} lets the connection in as established,
 * installs the {@link FrameCodec} in its place and fires {@link HandshakeCompleted}. Bytes that
 * arrive after act three are passed on to the framing.
 *
 * <p>The acts' elliptic-curve work (three ECDHs and one key generation per side, about 0.15 ms
 * with libsecp256k1) runs on the connection's event loop: it is a fixed, small amount per
 * connection, bounded by the inbound connection limits, unlike the unbounded stream of onion
 * messages that goes to the worker pool.
 */
final class HandshakeHandler extends ByteToMessageDecoder {

    static final String NAME = "handshake";

    /** Decides whether a connection whose handshake completed may stay (the inbound connection limits). */
    @FunctionalInterface
    interface Admission {

        /** Admits every connection (outbound ones). */
        Admission ANY = channel -> true;

        /** True to keep {@code channel}; false to close it (the admission counted why). */
        boolean established(Channel channel);
    }

    private static final Logger log = LoggerFactory.getLogger(HandshakeHandler.class);

    private final Handshake handshake;
    private final GatewayContext context;
    private final Admission admission;
    private ScheduledFuture<?> timeout;
    private boolean failed;

    HandshakeHandler(Handshake handshake, GatewayContext context, Admission admission) {
        this.handshake = handshake;
        this.context = context;
        this.admission = admission;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        timeout = ctx.executor().schedule(() -> fail(ctx, GatewayMetrics.HandshakeFailure.TIMEOUT, "timed out"),
                context.settings().handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        byte[] first = handshake.start();
        if (first.length > 0) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(first));
        }
        super.channelActive(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (!handshake.isComplete() && in.readableBytes() >= handshake.nextActLength()) {
            byte[] act = new byte[handshake.nextActLength()];
            in.readBytes(act);
            byte[] reply;
            try {
                reply = handshake.receive(act);
            } catch (DecodeException e) {
                in.skipBytes(in.readableBytes());
                fail(ctx, GatewayMetrics.HandshakeFailure.BAD_ACT, e.getMessage());
                return;
            }
            if (reply.length > 0) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(reply));
            }
        }
        if (handshake.isComplete()) {
            timeout.cancel(false);
            context.metrics().handshakeCompleted();
            if (!admission.established(ctx.channel())) {
                in.skipBytes(in.readableBytes());
                failed = true;
                ctx.close();
                return;
            }
            ctx.pipeline().addAfter(NAME, FrameCodec.NAME,
                    new FrameCodec(handshake.cipher(), context.settings().maxFrameSize(), context.metrics()));
            ctx.fireUserEventTriggered(new HandshakeCompleted(new NodeId(handshake.remoteStatic())));
            ctx.pipeline().remove(this);
        }
    }

    /** A peer that hangs up mid-handshake is counted; a connection refused by the limiter never started one. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (timeout != null && !handshake.isComplete() && !failed) {
            failed = true;
            timeout.cancel(false);
            context.metrics().handshakeFailed(GatewayMetrics.HandshakeFailure.CLOSED);
        }
        super.channelInactive(ctx);
    }

    private void fail(ChannelHandlerContext ctx, GatewayMetrics.HandshakeFailure reason, String detail) {
        if (failed || handshake.isComplete()) {
            return;
        }
        failed = true;
        timeout.cancel(false);
        context.metrics().handshakeFailed(reason);
        log.debug("BOLT 8 handshake with {} failed: {}", ctx.channel().remoteAddress(), detail);
        ctx.close();
    }
}
