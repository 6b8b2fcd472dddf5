package io.staticinvoice.gateway;

import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.transport.HandshakeInitiator;
import io.staticinvoice.lightning.wire.Feature;
import io.staticinvoice.lightning.wire.Features;
import io.staticinvoice.lightning.wire.Init;
import io.staticinvoice.lightning.wire.Ping;
import io.staticinvoice.lightning.wire.Pong;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handshake failures end in a clean, counted close, and the listener keeps serving others:
 * garbage bytes, an act one for another node, and a connection that never sends act one.
 */
class HandshakeHandlerTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private static void assertStillServes(GatewayTestSupport.Node node) throws Exception {
        try (RawPeer good = RawPeer.connected(node.gateway(), LightningGateway.FEATURES)) {
            good.send(new Ping(3, 0));
            assertThat(good.receive()).isEqualTo(new Pong(3));
        }
    }

    @Test
    void garbageBytesAreDroppedAsABadActOne() throws Exception {
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(Map.of());
             RawPeer garbage = RawPeer.connect(node.gateway().boundAddress())) {
            byte[] noise = new byte[200];
            new SecureRandom().nextBytes(noise);
            garbage.sendRaw(noise);
            assertThat(garbage.awaitClosed(WAIT)).isTrue();
            GatewayTestSupport.await(WAIT, "bad act counted",
                    () -> node.handshakeFailures(GatewayMetrics.HandshakeFailure.BAD_ACT) == 1);
            assertStillServes(node);
        }
    }

    @Test
    void anActOneForAnotherNodeIsDroppedWithoutAnswer() throws Exception {
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(Map.of());
             RawPeer wrong = RawPeer.connect(node.gateway().boundAddress())) {
            HandshakeInitiator initiator = new HandshakeInitiator(PrivateKey.random(), PrivateKey.random().publicKey());
            wrong.sendRaw(initiator.start());
            assertThat(wrong.awaitClosed(WAIT)).isTrue();
            GatewayTestSupport.await(WAIT, "bad act counted",
                    () -> node.handshakeFailures(GatewayMetrics.HandshakeFailure.BAD_ACT) == 1);
            assertStillServes(node);
        }
    }

    @Test
    void aConnectionThatNeverSendsActOneTimesOut() throws Exception {
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(Map.of("sis.lightning.handshake-timeout", "300ms"));
             RawPeer silent = RawPeer.connect(node.gateway().boundAddress())) {
            assertStillServes(node);
            assertThat(silent.awaitClosed(WAIT)).isTrue();
            assertThat(node.handshakeFailures(GatewayMetrics.HandshakeFailure.TIMEOUT)).isEqualTo(1);
        }
    }

    @Test
    void aPeerThatHangsUpMidHandshakeIsCounted() throws Exception {
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(Map.of())) {
            try (RawPeer quitter = RawPeer.connect(node.gateway().boundAddress())) {
                quitter.sendRaw(new byte[10]);
            }
            GatewayTestSupport.await(WAIT, "closed handshake counted",
                    () -> node.handshakeFailures(GatewayMetrics.HandshakeFailure.CLOSED) == 1);
        }
    }

    @Test
    void messagesInTheSameSegmentAsActThreeReachTheFraming() throws Exception {
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(Map.of());
             RawPeer eager = RawPeer.connect(node.gateway().boundAddress())) {
            Init init = new Init(Features.empty().withOptional(Feature.ONION_MESSAGES), List.of(), Optional.empty());
            eager.handshake(node.gateway().nodeId(), init, new Ping(1, 0));
            assertThat(eager.receive()).isInstanceOf(Init.class);
            assertThat(eager.receive()).isEqualTo(new Pong(1));
        }
    }
}
