package io.staticinvoice.lightning.onion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.crypto.ChaCha20;
import io.staticinvoice.lightning.crypto.Ecdh;
import io.staticinvoice.lightning.crypto.HmacSha256;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.crypto.PublicKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SphinxTest {

    @ParameterizedTest(name = "{0}-byte payload area")
    @ValueSource(ints = {1300, 32768})
    void eachHopPeelsItsOwnPayloadAndTheLastSeesNoNextPacket(int hopDataLength) throws DecodeException {
        List<PrivateKey> nodes = List.of(PrivateKey.random(), PrivateKey.random(), PrivateKey.random());
        List<byte[]> payloads = List.of(Hex.decode("0102"), new byte[300], Hex.decode("aabbccdd"));
        PrivateKey session = PrivateKey.random();

        OnionMessagePacket packet = Sphinx.create(session, nodes.stream().map(PrivateKey::publicKey).toList(), payloads,
                hopDataLength);

        assertThat(packet.hopData()).hasSize(hopDataLength);
        assertThat(packet.publicKey()).isEqualTo(session.publicKey());
        for (int i = 0; i < nodes.size(); i++) {
            Sphinx.Layer layer = Sphinx.peel(Ecdh.sharedSecret(nodes.get(i), packet.publicKey()), packet);
            assertThat(layer.payload()).isEqualTo(payloads.get(i));
            assertThat(layer.nextPacket().isPresent()).isEqualTo(i + 1 < nodes.size());
            packet = layer.nextPacket().orElse(packet);
        }
    }

    @Test
    void hopKeysChainTheEphemeralKeys() {
        List<PublicKey> hops = List.of(PrivateKey.random().publicKey(), PrivateKey.random().publicKey());
        PrivateKey session = PrivateKey.random();

        List<Sphinx.HopKeys> keys = Sphinx.hopKeys(session, hops);

        assertThat(keys.get(0).ephemeralKey()).isEqualTo(session.publicKey());
        assertThat(keys.get(0).sharedSecret()).isEqualTo(Ecdh.sharedSecret(session, hops.get(0)));
        assertThat(keys.get(0).rho()).isEqualTo(HmacSha256.mac("rho".getBytes(StandardCharsets.US_ASCII), keys.get(0).sharedSecret()));
        assertThat(keys.get(0).mu()).isEqualTo(HmacSha256.mac("mu".getBytes(StandardCharsets.US_ASCII), keys.get(0).sharedSecret()));
        assertThat(keys.get(1).ephemeralKey()).isNotEqualTo(keys.get(0).ephemeralKey());
    }

    @Test
    void payloadsThatDoNotFitAreRefused() {
        List<PublicKey> hops = List.of(PrivateKey.random().publicKey());

        assertThatThrownBy(() -> Sphinx.create(PrivateKey.random(), hops, List.of(new byte[1266]), 1300))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("payloads need 1301 bytes, more than 1300");
        assertThat(Sphinx.create(PrivateKey.random(), hops, List.of(new byte[1265]), 1300).hopData()).hasSize(1300);
    }

    @Test
    void aPayloadLengthBeyondThePacketIsRejected() {
        byte[] sharedSecret = new byte[32];
        byte[] plaintext = new byte[1300];
        plaintext[0] = (byte) 0xfd;
        plaintext[1] = 0x05;
        plaintext[2] = 0x00;
        byte[] hopData = ChaCha20.xor(Sphinx.generateKey("rho", sharedSecret), new byte[12], plaintext);
        OnionMessagePacket packet = new OnionMessagePacket(PrivateKey.random().publicKey(), hopData,
                HmacSha256.mac(Sphinx.generateKey("mu", sharedSecret), hopData));

        assertThatThrownBy(() -> Sphinx.peel(sharedSecret, packet))
                .isInstanceOf(DecodeException.class)
                .hasMessage("onion payload length 1280 exceeds the 1300-byte packet");
    }

    @Test
    void theInitialNoiseComesFromThePadKey() {
        PrivateKey session = PrivateKey.random();
        PrivateKey node = PrivateKey.random();
        byte[] payload = new byte[10];

        OnionMessagePacket packet = Sphinx.create(session, List.of(node.publicKey()), List.of(payload), 1300);

        byte[] sharedSecret = Ecdh.sharedSecret(node, session.publicKey());
        byte[] plain = ChaCha20.xor(Sphinx.generateKey("rho", sharedSecret), new byte[12], packet.hopData());
        byte[] noise = ChaCha20.keystream(Sphinx.generateKey("pad", session.bytes()), new byte[12], 1300);
        int used = Sphinx.shiftSize(payload.length);
        List<Byte> tail = new ArrayList<>();
        for (int i = used; i < 1300; i++) {
            tail.add((byte) (plain[i] ^ noise[i - used]));
        }
        assertThat(tail).containsOnly((byte) 0);
        assertThat(packet.length()).isEqualTo(1366);
    }
}
