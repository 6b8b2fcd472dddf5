package io.staticinvoice.gateway;

import io.staticinvoice.lightning.wire.Ping;
import io.staticinvoice.lightning.wire.Pong;
import io.staticinvoice.lightning.wire.UnknownMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Framing after the handshake: the size limit and message authentication, each a counted close. */
class FrameCodecTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void aFrameAboveTheLimitClosesTheConnectionBeforeItIsRead() throws Exception {
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(Map.of("sis.lightning.max-frame-size", "2048"));
             RawPeer big = RawPeer.connected(node.gateway(), LightningGateway.FEATURES)) {
            big.send(new UnknownMessage(0x8001, new byte[2000]));
            big.send(new Ping(1, 0));
            assertThat(big.receive()).isEqualTo(new Pong(1));

            big.send(new UnknownMessage(0x8001, new byte[3000]));
            assertThat(big.awaitClosed(WAIT)).isTrue();
            GatewayTestSupport.await(WAIT, "oversize counted",
                    () -> node.disconnects(GatewayMetrics.Disconnect.OVERSIZE_FRAME) == 1);

            try (RawPeer other = RawPeer.connected(node.gateway(), LightningGateway.FEATURES)) {
                other.send(new Ping(2, 0));
                assertThat(other.receive()).isEqualTo(new Pong(2));
            }
        }
    }

    @Test
    void aTamperedFrameClosesTheConnection() throws Exception {
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(Map.of());
             RawPeer tamperer = RawPeer.connected(node.gateway(), LightningGateway.FEATURES)) {
            byte[] frame = tamperer.encrypt(new Ping(1, 0).encode());
            frame[frame.length - 1] ^= 1;
            tamperer.sendRaw(frame);
            assertThat(tamperer.awaitClosed(WAIT)).isTrue();
            GatewayTestSupport.await(WAIT, "decryption failure counted",
                    () -> node.disconnects(GatewayMetrics.Disconnect.DECRYPTION_FAILED) == 1);
        }
    }
}
