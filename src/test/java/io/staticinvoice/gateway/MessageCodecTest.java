package io.staticinvoice.gateway;

import io.staticinvoice.lightning.codec.Hex;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Decrypted frames that are not valid BOLT 1 messages close the connection, counted. */
class MessageCodecTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void aTruncatedKnownMessageClosesTheConnection() throws Exception {
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(Map.of());
             RawPeer peer = RawPeer.connected(node.gateway(), LightningGateway.FEATURES)) {
            peer.sendPlaintext(Hex.decode("0012" + "0005"));
            assertThat(peer.awaitClosed(WAIT)).isTrue();
            GatewayTestSupport.await(WAIT, "malformed counted",
                    () -> node.disconnects(GatewayMetrics.Disconnect.MALFORMED_MESSAGE) == 1);
        }
    }

    @Test
    void anExtensionWithAnUnknownEvenRecordClosesTheConnection() throws Exception {
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(Map.of());
             RawPeer peer = RawPeer.connected(node.gateway(), LightningGateway.FEATURES)) {
            peer.sendPlaintext(Hex.decode("0012" + "0001" + "0000" + "0200"));
            assertThat(peer.awaitClosed(WAIT)).isTrue();
            assertThat(node.disconnects(GatewayMetrics.Disconnect.MALFORMED_MESSAGE)).isEqualTo(1);
        }
    }

    @Test
    void countsMessagesByType() throws Exception {
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(Map.of());
             RawPeer peer = RawPeer.connected(node.gateway(), LightningGateway.FEATURES)) {
            peer.send(new io.staticinvoice.lightning.wire.Ping(0, 0));
            peer.receive();
            assertThat(node.messagesIn("init")).isEqualTo(1);
            assertThat(node.messagesIn("ping")).isEqualTo(1);
            assertThat(node.messagesOut("init")).isEqualTo(1);
            assertThat(node.messagesOut("pong")).isEqualTo(1);
        }
    }
}
