package io.staticinvoice.lightning.onion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.crypto.PublicKey;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OnionMessagePacketTest {

    private final PublicKey key = PrivateKey.random().publicKey();

    @Test
    void roundTrips() throws DecodeException {
        OnionMessagePacket packet = new OnionMessagePacket(key, new byte[1300], filled(32, 7));

        byte[] encoded = packet.encode();

        assertThat(encoded).hasSize(1366).startsWith(0);
        assertThat(Arrays.copyOfRange(encoded, 1, 34)).isEqualTo(key.bytes());
        assertThat(OnionMessagePacket.decode(encoded)).isEqualTo(packet);
    }

    @Test
    void rejectsMalformedPackets() {
        byte[] good = new OnionMessagePacket(key, new byte[10], new byte[32]).encode();
        byte[] version = good.clone();
        version[0] = 2;
        byte[] badPoint = good.clone();
        badPoint[1] = 5;

        assertThatThrownBy(() -> OnionMessagePacket.decode(version)).hasMessage("unknown onion packet version 2");
        assertThatThrownBy(() -> OnionMessagePacket.decode(badPoint)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("invalid public key");
        assertThatThrownBy(() -> OnionMessagePacket.decode(Arrays.copyOf(good, 66)))
                .hasMessage("onion packet of 66 bytes has no hop data");
        assertThatThrownBy(() -> OnionMessagePacket.decode(new byte[65536]))
                .hasMessage("onion packet of 65536 bytes exceeds 65535");
        assertThatThrownBy(() -> new OnionMessagePacket(key, new byte[0], new byte[32]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsTheLargestPacketAnOnionMessageCarries() throws DecodeException {
        byte[] largest = new OnionMessagePacket(key, new byte[65535 - 66], new byte[32]).encode();

        assertThat(OnionMessagePacket.decode(largest).hopData()).hasSize(65469);
        assertThat(Hex.encode(Arrays.copyOf(largest, 1))).isEqualTo("00");
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
