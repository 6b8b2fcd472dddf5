package io.staticinvoice.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.staticinvoice.lightning.wire.OnionMessage;

/**
 * The stage of a connection (see {@link PeerPipeline}) that admits the peer's onion messages
 * (BOLT 4 "Onion Messages") to the worker pool: within the peer's rate
 * ({@code onion-message-rate}; beyond it they are dropped, counted), and only while the pool has
 * room for them (the {@link OnionMessageWorkers} count what they refuse). The event loop never
 * waits for a worker. Runs on the connection's event loop.
 */
final class OnionMessageAdmission extends ChannelInboundHandlerAdapter {

    static final String NAME = "onion-messages";

    private final TokenBucket rate;
    private final OnionMessageWorkers workers;
    private final InboundOnionMessageHandler inbound;
    private final GatewayMetrics metrics;
    private Peer peer;

    /**
     * @param rate    the peer's onion message allowance
     * @param inbound what the workers hand the admitted messages to
     */
    OnionMessageAdmission(TokenBucket rate, OnionMessageWorkers workers, InboundOnionMessageHandler inbound,
                          GatewayMetrics metrics) {
        this.rate = rate;
        this.workers = workers;
        this.inbound = inbound;
        this.metrics = metrics;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof PeerSession.Connected connected) {
            peer = connected.peer();
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!(msg instanceof OnionMessage message)) {
            super.channelRead(ctx, msg);
            return;
        }
        if (!rate.tryTake()) {
            metrics.dropped(GatewayMetrics.Drop.RATE_LIMITED);
            return;
        }
        Peer from = peer;
        workers.trySubmit(from, () -> inbound.onOnionMessage(from, message));
    }
}
