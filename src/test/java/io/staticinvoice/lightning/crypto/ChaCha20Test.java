package io.staticinvoice.lightning.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ChaCha20Test {

    /** RFC 8439 appendix A.1, test vector 1: all-zero key and nonce, block counter 0. */
    @Test
    void matchesRfc8439ZeroKeyKeystream() {
        byte[] stream = ChaCha20.keystream(new byte[32], new byte[12], 64);
        assertThat(Hex.encode(stream)).isEqualTo(
                "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
                        + "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586");
    }

    @Test
    void xorIsItsOwnInverseAndRepeatable() throws DecodeException {
        byte[] key = Hex.decode("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        byte[] data = new byte[200];
        Arrays.fill(data, (byte) 0x5a);
        byte[] encrypted = ChaCha20.xor(key, new byte[12], data);
        assertThat(encrypted).isNotEqualTo(data);
        assertThat(ChaCha20.xor(key, new byte[12], encrypted)).isEqualTo(data);
        byte[] stream = ChaCha20.keystream(key, new byte[12], 200);
        for (int i = 0; i < data.length; i++) {
            assertThat((byte) (data[i] ^ stream[i])).isEqualTo(encrypted[i]);
        }
    }

    @Test
    void keystreamFromAnOffsetIsTheTailOfTheWholeStream() throws DecodeException {
        byte[] key = Hex.decode("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        byte[] nonce = Hex.decode("000000090000004a00000000");
        byte[] whole = ChaCha20.keystream(key, nonce, 1000);
        for (int offset : new int[] {0, 1, 63, 64, 65, 128, 500, 999, 1000}) {
            for (int length : new int[] {0, 1, 64, 1000 - offset}) {
                if (offset + length <= whole.length) {
                    assertThat(ChaCha20.keystream(key, nonce, offset, length)).as("offset %d length %d", offset, length)
                            .isEqualTo(Arrays.copyOfRange(whole, offset, offset + length));
                }
            }
        }
    }
}
