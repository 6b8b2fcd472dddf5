package io.staticinvoice.gateway;

import io.staticinvoice.lightning.wire.Ping;
import io.staticinvoice.lightning.wire.Pong;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.staticinvoice.gateway.GatewayTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admission in two stages: half-open connections (handshake under way) limited apart from
 * established ones, each in total and per IP address; every refusal counted by its reason.
 */
class InboundConnectionLimiterTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private static double refusals(GatewayTestSupport.Node node) {
        double refused = 0;
        for (GatewayMetrics.Disconnect reason : List.of(GatewayMetrics.Disconnect.CONNECTION_LIMIT,
                GatewayMetrics.Disconnect.CONNECTION_LIMIT_PER_IP, GatewayMetrics.Disconnect.HALF_OPEN_LIMIT)) {
            refused += node.disconnects(reason);
        }
        return refused;
    }

    @Test
    void closesEstablishedConnectionsBeyondThePerIpLimitAndAcceptsAgainWhenOneCloses() throws Exception {
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(Map.of("sis.lightning.max-inbound-connections-per-ip", "2"))) {
            RawPeer first = RawPeer.connected(node.gateway(), LightningGateway.FEATURES);
            RawPeer second = RawPeer.connected(node.gateway(), LightningGateway.FEATURES);
            try (RawPeer third = RawPeer.connect(node.gateway().boundAddress())) {
                third.handshake(node.gateway().nodeId());
                assertThat(third.awaitClosed(WAIT)).isTrue();
            }
            assertThat(node.disconnects(GatewayMetrics.Disconnect.CONNECTION_LIMIT_PER_IP)).isEqualTo(1);
            assertThat(refusals(node)).isEqualTo(1);
            second.send(new Ping(1, 0));
            assertThat(second.receive()).isEqualTo(new Pong(1));

            first.close();
            await(WAIT, "slot freed", () -> node.gateway().peers().size() == 1);
            try (RawPeer fourth = RawPeer.connected(node.gateway(), LightningGateway.FEATURES)) {
                fourth.send(new Ping(2, 0));
                assertThat(fourth.receive()).isEqualTo(new Pong(2));
            }
            second.close();
        }
    }

    @Test
    void closesEstablishedConnectionsBeyondTheTotalLimit() throws Exception {
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(Map.of("sis.lightning.max-inbound-connections", "1"));
             RawPeer first = RawPeer.connected(node.gateway(), LightningGateway.FEATURES);
             RawPeer second = RawPeer.connect(node.gateway().boundAddress())) {
            second.handshake(node.gateway().nodeId());
            assertThat(second.awaitClosed(WAIT)).isTrue();
            assertThat(node.disconnects(GatewayMetrics.Disconnect.CONNECTION_LIMIT)).isEqualTo(1);
            first.send(new Ping(1, 0));
            assertThat(first.receive()).isEqualTo(new Pong(1));
        }
    }

    @Test
    void lingeringHandshakesFromAnAddressDoNotLockItOut() throws Exception {
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(Map.of())) {
            InetSocketAddress address = node.gateway().boundAddress();
            List<Socket> halfOpen = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                halfOpen.add(new Socket(address.getAddress(), address.getPort()));
            }
            await(WAIT, "the oldest 4 give way to newer ones",
                    () -> node.disconnects(GatewayMetrics.Disconnect.HALF_OPEN_EVICTED) == 4);
            assertThat(node.gauge(GatewayMetrics.HALF_OPEN)).isEqualTo(16);
            try (RawPeer wallet = RawPeer.connected(node.gateway(), LightningGateway.FEATURES)) {
                wallet.send(new Ping(1, 0));
                assertThat(wallet.receive()).as("an established peer from the same address").isEqualTo(new Pong(1));
            }
            assertThat(refusals(node)).isZero();
            for (Socket socket : halfOpen) {
                socket.close();
            }
            await(WAIT, "closed handshakes give their slots back", () -> node.gauge(GatewayMetrics.HALF_OPEN) == 0);
        }
    }

    @Test
    void refusesHandshakesBeyondTheTotalHalfOpenLimit() throws Exception {
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(Map.of("sis.lightning.max-half-open-connections", "2"));
             Socket first = new Socket(node.gateway().boundAddress().getAddress(), node.gateway().boundAddress().getPort());
             Socket second = new Socket(node.gateway().boundAddress().getAddress(), node.gateway().boundAddress().getPort())) {
            await(WAIT, "two half-open", () -> node.gauge(GatewayMetrics.HALF_OPEN) == 2);
            try (RawPeer third = RawPeer.connect(node.gateway().boundAddress())) {
                assertThat(third.awaitClosed(WAIT)).isTrue();
            }
            assertThat(node.disconnects(GatewayMetrics.Disconnect.HALF_OPEN_LIMIT)).isEqualTo(1);
            first.close();
            await(WAIT, "slot freed", () -> node.gauge(GatewayMetrics.HALF_OPEN) == 1);
            try (RawPeer fourth = RawPeer.connected(node.gateway(), LightningGateway.FEATURES)) {
                fourth.send(new Ping(2, 0));
                assertThat(fourth.receive()).isEqualTo(new Pong(2));
            }
        }
    }

    @Test
    void fastConnectAndCloseNeverGivesFalseRefusals() throws Exception {
        // One handshake at a time per address: the 500 closed sockets must not hold it. Two established
        // connections, since the server may count a closed one for a moment after it has let the peer
        // go (a refusal then would be a true one, not what this test is about).
        Map<String, String> settings = Map.of("sis.lightning.max-inbound-connections-per-ip", "2",
                "sis.lightning.max-half-open-connections-per-ip", "1");
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(settings)) {
            InetSocketAddress address = node.gateway().boundAddress();
            for (int i = 0; i < 500; i++) {
                new Socket(address.getAddress(), address.getPort()).close();
            }
            for (int i = 0; i < 20; i++) {
                RawPeer.connected(node.gateway(), LightningGateway.FEATURES).close();
                await(WAIT, "the server let go of the connection", () -> node.gateway().peers().size() == 0);
            }
            try (RawPeer last = RawPeer.connected(node.gateway(), LightningGateway.FEATURES)) {
                last.send(new Ping(1, 0));
                assertThat(last.receive()).isEqualTo(new Pong(1));
            }
            assertThat(refusals(node)).isZero();
            await(WAIT, "every slot given back", () -> node.gauge(GatewayMetrics.HALF_OPEN) == 0);
        }
    }
}
