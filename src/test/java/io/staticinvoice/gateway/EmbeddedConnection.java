package io.staticinvoice.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.wire.Feature;
import io.staticinvoice.lightning.wire.Features;
import io.staticinvoice.lightning.wire.LightningMessage;
import io.staticinvoice.lightning.wire.NodeId;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One connection's pipeline stages in an {@link EmbeddedChannel}, behind the real
 * {@link MessageCodec}: what the peer sends goes in as encoded BOLT 1 frames, what we send comes
 * out as frames and is decoded. Time stands still until {@link #advance}; the remote address is
 * a public one; a {@link Tail} at the end records what the stages pass on.
 */
final class EmbeddedConnection {

    static final InetSocketAddress REMOTE = new InetSocketAddress("203.0.113.7", 9735);
    static final Features PEER_FEATURES = Features.empty().withOptional(Feature.ONION_MESSAGES);

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final GatewayMetrics metrics = new GatewayMetrics(meters);
    final PeerRegistry registry = new PeerRegistry();
    final CompletableFuture<Peer> ready = new CompletableFuture<>();
    final NodeId remoteNodeId = new NodeId(PrivateKey.random().publicKey());
    final Tail tail = new Tail();
    final EmbeddedChannel channel = new EmbeddedChannel() {
        @Override
        protected SocketAddress remoteAddress0() {
            return REMOTE;
        }
    };

    /** Records the messages and events that pass the last stage. */
    static final class Tail extends ChannelInboundHandlerAdapter {

        final List<Object> messages = new ArrayList<>();
        final List<Object> events = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            messages.add(msg);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            events.add(event);
        }
    }

    EmbeddedConnection() {
        channel.freezeTime();
        channel.pipeline().addLast(MessageCodec.NAME, new MessageCodec(metrics));
    }

    /** A pacing stage with LDK's limits (32 messages, 256 KiB in flight) and a 2 MB queue. */
    OnionMessagePacing pacing(OutboundBudget budget) {
        return new OnionMessagePacing(32, 256 * 1024, 2_000_000, budget, metrics);
    }

    /** A peer stage of an inbound connection, writing onion messages through {@code pacing}. */
    PeerSession session(OnionMessagePacing pacing) {
        return new PeerSession(Direction.INBOUND, registry, metrics, ready, pacing);
    }

    /** Adds {@code stages} behind the codec, then the recording tail. */
    EmbeddedConnection with(ChannelHandler... stages) {
        for (ChannelHandler stage : stages) {
            channel.pipeline().addLast(stage);
        }
        channel.pipeline().addLast(tail);
        return this;
    }

    /** Fires the BOLT 8 handshake's end and the {@code init} exchange's, as {@link InitExchange} does; returns the registered peer. */
    Peer connect() {
        handshakeDone();
        channel.pipeline().fireUserEventTriggered(new InitExchange.Completed(PEER_FEATURES));
        return ready.join();
    }

    void handshakeDone() {
        channel.pipeline().fireUserEventTriggered(new HandshakeCompleted(remoteNodeId));
    }

    /** The peer sends {@code messages}, each as one encoded frame. */
    void receive(LightningMessage... messages) {
        for (LightningMessage message : messages) {
            channel.writeInbound(message.encode());
        }
        channel.runPendingTasks();
    }

    /** Everything written to the peer since the last call, decoded. */
    List<LightningMessage> sent() throws Exception {
        channel.runPendingTasks();
        List<LightningMessage> sent = new ArrayList<>();
        for (byte[] frame = channel.readOutbound(); frame != null; frame = channel.readOutbound()) {
            sent.add(LightningMessage.decode(frame));
        }
        return sent;
    }

    /** Lets {@code time} pass and runs what became due. */
    void advance(Duration time) {
        channel.advanceTimeBy(time.toNanos(), TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
    }

    double disconnects(GatewayMetrics.Disconnect reason) {
        return count(GatewayMetrics.DISCONNECTS, reason);
    }

    double drops(GatewayMetrics.Drop reason) {
        return count(GatewayMetrics.DROPS, reason);
    }

    /** All disconnects counted, whatever the reason. */
    double allDisconnects() {
        return meters.find(GatewayMetrics.DISCONNECTS).counters().stream().mapToDouble(Counter::count).sum();
    }

    private double count(String name, Enum<?> reason) {
        Counter counter = meters.find(name).tag("reason", reason.name().toLowerCase()).counter();
        return counter == null ? 0 : counter.count();
    }
}
