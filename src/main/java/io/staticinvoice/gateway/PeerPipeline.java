package io.staticinvoice.gateway;

import io.netty.channel.ChannelPipeline;
import io.staticinvoice.config.LightningProperties;

import java.util.concurrent.CompletableFuture;

/**
 * The stages of a peer connection behind the BOLT 8 handshake, its framing and the BOLT 1
 * message codec, in order: {@link InitExchange} ({@code init}, then it leaves),
 * {@link PingResponder} (the peer's pings), {@link PeerSession} (the {@link Peer}, BOLT 1's
 * rules for errors and unknown messages, closing), {@link KeepAlive} (our pings and their
 * pongs), {@link OnionMessagePacing} (onion messages to the peer) and
 * {@link OnionMessageAdmission} (onion messages from the peer). Each owns its state; they talk
 * through pipeline events ({@link HandshakeCompleted}, {@link InitExchange.Completed},
 * {@link PeerSession.Connected}, {@link KeepAlive.PingSent}) and close the connection through
 * the peer stage.
 */
final class PeerPipeline {

    private PeerPipeline() {
    }

    /**
     * Adds the stages of a connection in {@code direction} to {@code pipeline}.
     *
     * @param ready completed with the peer once {@code init} is exchanged, failed if the
     *              connection closes before
     */
    static void addStages(ChannelPipeline pipeline, GatewayContext context, Direction direction,
                          CompletableFuture<Peer> ready) {
        LightningProperties.Lightning settings = context.settings();
        OnionMessagePacing pacing = new OnionMessagePacing(settings.maxMessagesInFlight(),
                settings.maxBytesInFlight().toBytes(), settings.maxQueuedBytesPerPeer().toBytes(),
                context.outbound(), context.metrics());
        PeerSession session = new PeerSession(direction, context.registry(), context.metrics(), ready, pacing);
        TokenBucket pingRate = new TokenBucket(1e9 / settings.pingRefill().toNanos(), settings.pingBurst(), System::nanoTime);
        TokenBucket onionRate = new TokenBucket(settings.onionMessageRate().perSecond(),
                settings.onionMessageRate().burst(), System::nanoTime);
        pipeline.addLast(InitExchange.NAME,
                        new InitExchange(context.features(), context.chain(), direction, settings.handshakeTimeout(), session))
                .addLast(PingResponder.NAME, new PingResponder(pingRate, context.outbound(), context.metrics()))
                .addLast(PeerSession.NAME, session)
                .addLast(KeepAlive.NAME, new KeepAlive(settings.pingInterval(), settings.pongTimeout(), session))
                .addLast(OnionMessagePacing.NAME, pacing)
                .addLast(OnionMessageAdmission.NAME,
                        new OnionMessageAdmission(onionRate, context.workers(), context.inbound(), context.metrics()));
    }
}
