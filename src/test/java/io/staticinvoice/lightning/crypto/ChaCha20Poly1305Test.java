package io.staticinvoice.lightning.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChaCha20Poly1305Test {

    /** RFC 8439 section 2.8.2. */
    private static final String KEY = "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f";
    private static final String NONCE = "070000004041424344454647";
    private static final String AAD = "50515253c0c1c2c3c4c5c6c7";
    private static final byte[] PLAINTEXT = ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip"
            + " for the future, sunscreen would be it.").getBytes(StandardCharsets.US_ASCII);
    private static final String SEALED = "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
            + "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
            + "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
            + "3ff4def08e4b7a9de576d26586cec64b6116" + "1ae10b594f09e26a7e902ecbd0600691";

    @Test
    void matchesRfc8439AeadVector() throws DecodeException {
        byte[] sealed = ChaCha20Poly1305.encrypt(Hex.decode(KEY), Hex.decode(NONCE), Hex.decode(AAD), PLAINTEXT);
        assertThat(Hex.encode(sealed)).isEqualTo(SEALED);
        assertThat(ChaCha20Poly1305.decrypt(Hex.decode(KEY), Hex.decode(NONCE), Hex.decode(AAD), sealed))
                .isEqualTo(PLAINTEXT);
    }

    @Test
    void sameKeyAndNonceCanBeUsedAgainOnOneThread() throws DecodeException {
        byte[] key = Hex.decode(KEY);
        byte[] nonce = Hex.decode(NONCE);
        byte[] first = ChaCha20Poly1305.encrypt(key, nonce, new byte[0], PLAINTEXT);
        byte[] second = ChaCha20Poly1305.encrypt(key, nonce, new byte[0], PLAINTEXT);
        assertThat(second).isEqualTo(first);
        assertThat(ChaCha20Poly1305.decrypt(key, nonce, new byte[0], first)).isEqualTo(PLAINTEXT);
        assertThat(ChaCha20Poly1305.decrypt(key, nonce, new byte[0], first)).isEqualTo(PLAINTEXT);
        assertThat(ChaCha20Poly1305.encrypt(key, nonce, new byte[0], PLAINTEXT)).isEqualTo(first);
    }

    @Test
    void rejectsTamperingWithAuthenticationFailed() throws DecodeException {
        byte[] key = Hex.decode(KEY);
        byte[] nonce = Hex.decode(NONCE);
        byte[] sealed = Hex.decode(SEALED);
        sealed[3] ^= 1;
        assertThatThrownBy(() -> ChaCha20Poly1305.decrypt(key, nonce, Hex.decode(AAD), sealed))
                .isInstanceOf(DecodeException.class).hasMessage("authentication failed");
        assertThatThrownBy(() -> ChaCha20Poly1305.decrypt(key, nonce, new byte[0], Hex.decode(SEALED)))
                .hasMessage("authentication failed");
        assertThatThrownBy(() -> ChaCha20Poly1305.decrypt(key, nonce, new byte[0], new byte[15]))
                .isInstanceOf(DecodeException.class);
        // after failures the thread's cipher still works
        assertThat(ChaCha20Poly1305.decrypt(key, nonce, Hex.decode(AAD), Hex.decode(SEALED))).isEqualTo(PLAINTEXT);
    }

    /** BOLT 8 act one: encryptWithAD(temp_k1, 0, h, empty) = c. */
    @Test
    void matchesBolt8ActOneTag() throws DecodeException {
        byte[] tag = ChaCha20Poly1305.encrypt(
                Hex.decode("e68f69b7f096d7917245f5e5cf8ae1595febe4d4644333c99f9c4a1282031c9f"),
                ChaCha20Poly1305.bolt8Nonce(0),
                Hex.decode("9e0e7de8bb75554f21db034633de04be41a2b8a18da7a319a03c803bf02b396c"), new byte[0]);
        assertThat(Hex.encode(tag)).isEqualTo("0df6086551151f58b8afe6c195782c6a");
    }

    @Test
    void bolt8NonceIsLittleEndianAfterFourZeroBytes() {
        assertThat(Hex.encode(ChaCha20Poly1305.bolt8Nonce(1))).isEqualTo("000000000100000000000000");
        assertThat(Hex.encode(ChaCha20Poly1305.bolt8Nonce(0x0102030405060708L)))
                .isEqualTo("000000000807060504030201");
    }

    @Test
    void randomCiphertextsFailOnlyWithDecodeException() throws DecodeException {
        Random random = new Random(19);
        byte[] key = Hex.decode(KEY);
        for (int i = 0; i < 500; i++) {
            byte[] garbage = new byte[random.nextInt(64)];
            random.nextBytes(garbage);
            byte[] nonce = ChaCha20Poly1305.bolt8Nonce(i);
            assertThatThrownBy(() -> ChaCha20Poly1305.decrypt(key, nonce, new byte[0], garbage))
                    .isInstanceOf(DecodeException.class);
        }
    }
}
