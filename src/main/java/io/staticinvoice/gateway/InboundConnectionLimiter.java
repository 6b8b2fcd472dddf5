package io.staticinvoice.gateway;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Caps inbound connections in total and per remote IP address: a connection over either limit
 * is closed as soon as it is accepted, before any handshake work, and counted. Shared by all
 * inbound channels of one listener.
 */
@ChannelHandler.Sharable
final class InboundConnectionLimiter extends ChannelInboundHandlerAdapter {

    static final String NAME = "limit";

    private final int maxTotal;
    private final int maxPerIp;
    private final GatewayMetrics metrics;
    private final Map<InetAddress, Integer> perIp = new HashMap<>();
    private int total;

    InboundConnectionLimiter(int maxTotal, int maxPerIp, GatewayMetrics metrics) {
        this.maxTotal = maxTotal;
        this.maxPerIp = maxPerIp;
        this.metrics = metrics;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        InetAddress ip = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        if (!tryAcquire(ip)) {
            metrics.disconnected(GatewayMetrics.Disconnect.CONNECTION_LIMIT);
            ctx.close();
            return;
        }
        ctx.channel().closeFuture().addListener(closed -> release(ip));
        ctx.pipeline().remove(this);
        ctx.fireChannelActive();
    }

    private synchronized boolean tryAcquire(InetAddress ip) {
        int fromIp = perIp.getOrDefault(ip, 0);
        if (total >= maxTotal || fromIp >= maxPerIp) {
            return false;
        }
        total++;
        perIp.put(ip, fromIp + 1);
        return true;
    }

    private synchronized void release(InetAddress ip) {
        total--;
        perIp.computeIfPresent(ip, (address, count) -> count == 1 ? null : count - 1);
    }
}
