package io.staticinvoice.gateway;

import io.staticinvoice.lightning.wire.Ping;
import io.staticinvoice.lightning.wire.Pong;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Inbound connections over the per-IP or total limit are closed at once and counted. */
class InboundConnectionLimiterTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void closesConnectionsBeyondThePerIpLimitAndAcceptsAgainWhenOneCloses() throws Exception {
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(Map.of("sis.lightning.max-inbound-connections-per-ip", "2"))) {
            RawPeer first = RawPeer.connected(node.gateway(), LightningGateway.FEATURES);
            RawPeer second = RawPeer.connected(node.gateway(), LightningGateway.FEATURES);
            try (RawPeer third = RawPeer.connect(node.gateway().boundAddress())) {
                assertThat(third.awaitClosed(WAIT)).isTrue();
            }
            assertThat(node.disconnects(GatewayMetrics.Disconnect.CONNECTION_LIMIT)).isEqualTo(1);
            assertThat(node.handshakeFailures(GatewayMetrics.HandshakeFailure.CLOSED))
                    .as("a refused connection never started a handshake").isZero();
            second.send(new Ping(1, 0));
            assertThat(second.receive()).isEqualTo(new Pong(1));

            first.close();
            GatewayTestSupport.await(WAIT, "slot freed", () -> node.gateway().peers().size() == 1);
            try (RawPeer fourth = RawPeer.connected(node.gateway(), LightningGateway.FEATURES)) {
                fourth.send(new Ping(2, 0));
                assertThat(fourth.receive()).isEqualTo(new Pong(2));
            }
            second.close();
        }
    }

    @Test
    void closesConnectionsBeyondTheTotalLimit() throws Exception {
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(Map.of("sis.lightning.max-inbound-connections", "1"));
             RawPeer first = RawPeer.connected(node.gateway(), LightningGateway.FEATURES);
             RawPeer second = RawPeer.connect(node.gateway().boundAddress())) {
            assertThat(second.awaitClosed(WAIT)).isTrue();
            assertThat(node.disconnects(GatewayMetrics.Disconnect.CONNECTION_LIMIT)).isEqualTo(1);
            first.send(new Ping(1, 0));
            assertThat(first.receive()).isEqualTo(new Pong(1));
        }
    }
}
