package io.staticinvoice.gateway;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Admits inbound connections in two stages, each limited in total and per remote IP address,
 * and counts every refusal by its reason.
 *
 * <p>Half-open (accepted, BOLT 8 handshake under way): at most {@code max-half-open-connections}
 * in all, beyond which a new connection is closed at once ({@code half_open_limit}), and
 * {@code max-half-open-connections-per-ip} per address, beyond which a new connection closes the
 * address's oldest half-open one ({@code half_open_evicted}) instead of being refused: a wallet
 * finishes its handshake within a round trip, so connections that linger half-open are what
 * goes, and wallets that share an address (carrier NAT) are never locked out for a handshake
 * timeout.
 *
 * <p>Established (handshake done, see {@link #established}): at most
 * {@code max-inbound-connections} in all ({@code connection_limit}) and
 * {@code max-inbound-connections-per-ip} per address ({@code connection_limit_per_ip}).
 *
 * <p>A connection's slot is given back when its channel closes (its close future), whatever
 * stage it reached, exactly once. Shared by all inbound channels of one listener; thread-safe.
 */
@ChannelHandler.Sharable
final class InboundConnectionLimiter extends ChannelInboundHandlerAdapter {

    static final String NAME = "limit";

    private enum Stage { HALF_OPEN, ESTABLISHED }

    private final int maxEstablished;
    private final int maxEstablishedPerIp;
    private final int maxHalfOpen;
    private final int maxHalfOpenPerIp;
    private final GatewayMetrics metrics;
    private final Map<Channel, Stage> stages = new HashMap<>();
    /** Each address's half-open connections, oldest first. */
    private final Map<InetAddress, ArrayDeque<Channel>> halfOpen = new HashMap<>();
    private final Map<InetAddress, Integer> establishedPerIp = new HashMap<>();
    private int halfOpenTotal;
    private int establishedTotal;

    InboundConnectionLimiter(int maxEstablished, int maxEstablishedPerIp, int maxHalfOpen, int maxHalfOpenPerIp,
                             GatewayMetrics metrics) {
        this.maxEstablished = maxEstablished;
        this.maxEstablishedPerIp = maxEstablishedPerIp;
        this.maxHalfOpen = maxHalfOpen;
        this.maxHalfOpenPerIp = maxHalfOpenPerIp;
        this.metrics = metrics;
        metrics.gauge(GatewayMetrics.HALF_OPEN, "Inbound connections in the BOLT 8 handshake", this::halfOpen);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        Channel channel = ctx.channel();
        InetAddress ip = ipOf(channel);
        Channel evicted;
        synchronized (this) {
            if (halfOpenTotal >= maxHalfOpen) {
                evicted = channel;
            } else {
                ArrayDeque<Channel> fromIp = halfOpen.get(ip);
                evicted = fromIp != null && fromIp.size() >= maxHalfOpenPerIp ? fromIp.peekFirst() : null;
                if (evicted != null) {
                    removeHalfOpen(evicted, ip);
                    stages.remove(evicted);
                }
                halfOpen.computeIfAbsent(ip, address -> new ArrayDeque<>()).addLast(channel);
                halfOpenTotal++;
                stages.put(channel, Stage.HALF_OPEN);
            }
        }
        if (evicted == channel) {
            metrics.disconnected(GatewayMetrics.Disconnect.HALF_OPEN_LIMIT);
            ctx.close();
            return;
        }
        if (evicted != null) {
            metrics.disconnected(GatewayMetrics.Disconnect.HALF_OPEN_EVICTED);
            evicted.close();
        }
        channel.closeFuture().addListener(closed -> release(channel, ip));
        ctx.pipeline().remove(this);
        ctx.fireChannelActive();
    }

    /**
     * Moves a connection whose BOLT 8 handshake completed from half-open to established; false,
     * counted, when that is over an established limit (the caller closes it). False also for a
     * connection no longer held (evicted while its handshake finished).
     */
    boolean established(Channel channel) {
        InetAddress ip = ipOf(channel);
        GatewayMetrics.Disconnect refused = null;
        synchronized (this) {
            if (stages.get(channel) != Stage.HALF_OPEN) {
                return false;
            }
            removeHalfOpen(channel, ip);
            int fromIp = establishedPerIp.getOrDefault(ip, 0);
            if (establishedTotal >= maxEstablished) {
                refused = GatewayMetrics.Disconnect.CONNECTION_LIMIT;
            } else if (fromIp >= maxEstablishedPerIp) {
                refused = GatewayMetrics.Disconnect.CONNECTION_LIMIT_PER_IP;
            } else {
                establishedTotal++;
                establishedPerIp.put(ip, fromIp + 1);
                stages.put(channel, Stage.ESTABLISHED);
            }
            if (refused != null) {
                stages.remove(channel);
            }
        }
        if (refused != null) {
            metrics.disconnected(refused);
            return false;
        }
        return true;
    }

    private synchronized void release(Channel channel, InetAddress ip) {
        Stage stage = stages.remove(channel);
        if (stage == Stage.HALF_OPEN) {
            removeHalfOpen(channel, ip);
        } else if (stage == Stage.ESTABLISHED) {
            establishedTotal--;
            establishedPerIp.computeIfPresent(ip, (address, count) -> count == 1 ? null : count - 1);
        }
    }

    /** Called with the lock held. */
    private void removeHalfOpen(Channel channel, InetAddress ip) {
        ArrayDeque<Channel> fromIp = halfOpen.get(ip);
        if (fromIp != null && fromIp.remove(channel)) {
            halfOpenTotal--;
            if (fromIp.isEmpty()) {
                halfOpen.remove(ip);
            }
        }
    }

    /** Half-open connections now. */
    synchronized int halfOpen() {
        return halfOpenTotal;
    }

    private static InetAddress ipOf(Channel channel) {
        return ((InetSocketAddress) channel.remoteAddress()).getAddress();
    }
}
