package io.staticinvoice.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import io.staticinvoice.lightning.wire.ChainHash;
import io.staticinvoice.lightning.wire.Feature;
import io.staticinvoice.lightning.wire.Features;
import io.staticinvoice.lightning.wire.Init;
import io.staticinvoice.lightning.wire.LightningMessage;
import io.staticinvoice.lightning.wire.NetworkAddress;
import io.staticinvoice.lightning.wire.NodeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@code init} exchange of BOLT 1 ("The init Message"), the first stage of a connection after
 * its BOLT 8 handshake (see {@link PeerPipeline}): sends our {@code init} (our features, our
 * chain, and to an inbound peer its public address as {@code remote_addr}) and checks the
 * peer's, which must be the first message and come within the handshake timeout. A peer that
 * requires features we do not know, does not support {@code option_onion_messages} or is on
 * none of our chains is told why in a {@code warning} and disconnected.
 *
 * <p>Until the exchange is done nothing reaches the stages behind this one; then it fires
 * {@link Completed} and takes itself out of the pipeline. Runs on the connection's event loop.
 */
final class InitExchange extends ChannelInboundHandlerAdapter {

    static final String NAME = "init";

    /** Pipeline event fired once the peer's {@code init} is accepted, with the features it announced. */
    record Completed(Features remoteFeatures) {
    }

    private static final Logger log = LoggerFactory.getLogger(InitExchange.class);

    private final Features features;
    private final ChainHash chain;
    private final Direction direction;
    private final Duration timeout;
    private final PeerSession session;
    private NodeId remoteNodeId;
    private ScheduledFuture<?> timer;

    /**
     * @param features our features
     * @param chain    our chain
     * @param timeout  time the peer has to send its {@code init}
     * @param session  the peer stage, which closes the connection
     */
    InitExchange(Features features, ChainHash chain, Direction direction, Duration timeout, PeerSession session) {
        this.features = features;
        this.chain = chain;
        this.direction = direction;
        this.timeout = timeout;
        this.session = session;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof HandshakeCompleted completed) {
            remoteNodeId = completed.remoteNodeId();
            timer = ctx.executor().schedule(() -> session.close(GatewayMetrics.Disconnect.NO_INIT),
                    timeout.toMillis(), TimeUnit.MILLISECONDS);
            ctx.writeAndFlush(ourInit(ctx));
        }
        super.userEventTriggered(ctx, event);
    }

    private Init ourInit(ChannelHandlerContext ctx) {
        Optional<NetworkAddress> remote = direction == Direction.INBOUND
                ? PublicAddresses.of(ctx.channel().remoteAddress())
                : Optional.empty();
        return new Init(features, List.of(chain), remote);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        LightningMessage message = (LightningMessage) msg;
        if (session.isClosing()) {
            return;
        }
        if (!(message instanceof Init init)) {
            log.debug("Peer {} sent {} before init", remoteNodeId, message.name());
            session.close(GatewayMetrics.Disconnect.NO_INIT);
            return;
        }
        List<Integer> unknownRequired = init.features().requiredBitsMissingFrom(features);
        if (!unknownRequired.isEmpty()) {
            session.closeWithWarning(GatewayMetrics.Disconnect.INCOMPATIBLE_FEATURES,
                    "required feature bits unknown to us: " + unknownRequired);
            return;
        }
        if (!init.features().supports(Feature.ONION_MESSAGES)) {
            session.closeWithWarning(GatewayMetrics.Disconnect.NO_ONION_MESSAGES,
                    "this node only talks to peers that support option_onion_messages");
            return;
        }
        if (!init.networks().isEmpty() && !init.networks().contains(chain)) {
            session.closeWithWarning(GatewayMetrics.Disconnect.INCOMPATIBLE_CHAIN, "no common chain");
            return;
        }
        timer.cancel(false);
        ctx.fireUserEventTriggered(new Completed(init.features()));
        ctx.pipeline().remove(this);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (timer != null) {
            timer.cancel(false);
        }
        super.channelInactive(ctx);
    }
}
