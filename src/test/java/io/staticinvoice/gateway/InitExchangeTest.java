package io.staticinvoice.gateway;

import io.staticinvoice.lightning.wire.ChainHash;
import io.staticinvoice.lightning.wire.ErrorMessage;
import io.staticinvoice.lightning.wire.Feature;
import io.staticinvoice.lightning.wire.Features;
import io.staticinvoice.lightning.wire.Init;
import io.staticinvoice.lightning.wire.LightningMessage;
import io.staticinvoice.lightning.wire.NetworkAddress;
import io.staticinvoice.lightning.wire.Ping;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** BOLT 1 {@code init}: ours sent with the remote address, theirs checked first and in time, then the stage leaves. */
class InitExchangeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final EmbeddedConnection connection = new EmbeddedConnection();

    private EmbeddedConnection stages(Direction direction) {
        OutboundBudget budget = new OutboundBudget(1 << 20);
        OnionMessagePacing pacing = connection.pacing(budget);
        PeerSession session = connection.session(pacing);
        TokenBucket pings = new TokenBucket(1, 5, System::nanoTime);
        return connection.with(
                new InitExchange(LightningGateway.FEATURES, ChainHash.REGTEST, direction, TIMEOUT, session),
                new PingResponder(pings, budget, connection.metrics),
                session, pacing);
    }

    private static Init theirs(Features features, List<ChainHash> networks) {
        return new Init(features, networks, Optional.empty());
    }

    @Test
    void sendsOurInitWithTheChainAndThePublicAddressOfAnInboundPeer() throws Exception {
        stages(Direction.INBOUND).handshakeDone();
        assertThat(connection.sent()).containsExactly(new Init(LightningGateway.FEATURES, List.of(ChainHash.REGTEST),
                Optional.of(new NetworkAddress.Ip(EmbeddedConnection.REMOTE.getAddress(), 9735))));
    }

    @Test
    void tellsAnOutboundPeerNoAddress() throws Exception {
        stages(Direction.OUTBOUND).handshakeDone();
        assertThat(connection.sent()).containsExactly(
                new Init(LightningGateway.FEATURES, List.of(ChainHash.REGTEST), Optional.empty()));
    }

    @Test
    void acceptsACompatibleInitThenLeavesThePipeline() throws Exception {
        stages(Direction.INBOUND).handshakeDone();
        connection.sent();
        Features theirs = EmbeddedConnection.PEER_FEATURES.withBit(101);
        connection.receive(theirs(theirs, List.of(ChainHash.TESTNET, ChainHash.REGTEST)));

        Peer peer = connection.ready.getNow(null);
        assertThat(peer).isNotNull();
        assertThat(peer.features()).isEqualTo(theirs);
        assertThat(connection.registry.get(connection.remoteNodeId)).contains(peer);
        assertThat(connection.channel.pipeline().get(InitExchange.class)).isNull();

        connection.advance(TIMEOUT.plusSeconds(1));
        assertThat(connection.channel.isActive()).as("the timeout is off").isTrue();
        assertThat(connection.allDisconnects()).isZero();
    }

    @Test
    void aPeerThatSendsNoInitInTimeIsDisconnected() {
        stages(Direction.INBOUND).handshakeDone();
        connection.advance(TIMEOUT.minusMillis(1));
        assertThat(connection.channel.isActive()).isTrue();
        connection.advance(Duration.ofMillis(1));
        assertThat(connection.channel.isActive()).isFalse();
        assertThat(connection.disconnects(GatewayMetrics.Disconnect.NO_INIT)).isEqualTo(1);
        assertThat(connection.ready).isCompletedExceptionally();
    }

    @Test
    void aFirstMessageOtherThanInitClosesAndIsNotAnswered() throws Exception {
        stages(Direction.INBOUND).handshakeDone();
        connection.sent();
        connection.receive(new Ping(4, 0));
        assertThat(connection.sent()).as("no pong before init").isEmpty();
        assertThat(connection.channel.isActive()).isFalse();
        assertThat(connection.disconnects(GatewayMetrics.Disconnect.NO_INIT)).isEqualTo(1);
        assertThat(connection.ready).isCompletedExceptionally();
    }

    /** Warns, closes, counts once, and ignores what the peer still sent. */
    private void refused(Init init, GatewayMetrics.Disconnect reason, String warning) throws Exception {
        stages(Direction.INBOUND).handshakeDone();
        connection.sent();
        connection.channel.writeInbound(init.encode(), new Ping(1, 0).encode());
        List<LightningMessage> sent = connection.sent();
        assertThat(sent).hasSize(1);
        assertThat(((ErrorMessage) sent.get(0)).level()).isEqualTo(ErrorMessage.Level.WARNING);
        assertThat(((ErrorMessage) sent.get(0)).printableData()).contains(warning);
        assertThat(connection.channel.isActive()).isFalse();
        assertThat(connection.disconnects(reason)).isEqualTo(1);
        assertThat(connection.allDisconnects()).isEqualTo(1);
        assertThat(connection.registry.size()).isZero();
    }

    @Test
    void aPeerRequiringFeaturesWeDoNotKnowIsWarnedAndDisconnected() throws Exception {
        refused(theirs(EmbeddedConnection.PEER_FEATURES.withBit(100), List.of()),
                GatewayMetrics.Disconnect.INCOMPATIBLE_FEATURES, "required feature bits unknown to us: [100]");
    }

    @Test
    void aPeerWithoutOnionMessagesIsWarnedAndDisconnected() throws Exception {
        refused(theirs(Features.empty().withOptional(Feature.VAR_ONION_OPTIN), List.of()),
                GatewayMetrics.Disconnect.NO_ONION_MESSAGES, "option_onion_messages");
    }

    @Test
    void aPeerOnOtherChainsIsWarnedAndDisconnected() throws Exception {
        refused(theirs(EmbeddedConnection.PEER_FEATURES, List.of(ChainHash.BITCOIN, ChainHash.SIGNET)),
                GatewayMetrics.Disconnect.INCOMPATIBLE_CHAIN, "no common chain");
    }
}
