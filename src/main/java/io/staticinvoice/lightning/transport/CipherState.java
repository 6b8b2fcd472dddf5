package io.staticinvoice.lightning.transport;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.crypto.ChaCha20Poly1305;
import io.staticinvoice.lightning.crypto.Hkdf;

/**
 * One direction of a BOLT 8 session: a key, its nonce and its own copy of the chaining key,
 * rotated after 1000 uses ("Lightning Message Key Rotation": {@code ck', k' = HKDF(ck, k)}).
 */
final class CipherState {

    /** A key is rotated once its nonce reaches this value, i.e. after 500 messages. */
    static final long ROTATION_INTERVAL = 1000;

    private static final byte[] NO_AAD = new byte[0];

    private byte[] chainingKey;
    private byte[] key;
    private long nonce;

    CipherState(byte[] chainingKey, byte[] key) {
        this.chainingKey = chainingKey.clone();
        this.key = key.clone();
    }

    byte[] encrypt(byte[] plaintext) {
        byte[] ciphertext = ChaCha20Poly1305.encrypt(key, ChaCha20Poly1305.bolt8Nonce(nonce), NO_AAD, plaintext);
        advance();
        return ciphertext;
    }

    byte[] decrypt(byte[] ciphertext) throws DecodeException {
        byte[] plaintext = ChaCha20Poly1305.decrypt(key, ChaCha20Poly1305.bolt8Nonce(nonce), NO_AAD, ciphertext);
        advance();
        return plaintext;
    }

    private void advance() {
        nonce++;
        if (nonce == ROTATION_INTERVAL) {
            Hkdf.TwoKeys keys = Hkdf.extractExpand2(chainingKey, key);
            chainingKey = keys.first();
            key = keys.second();
            nonce = 0;
        }
    }
}
