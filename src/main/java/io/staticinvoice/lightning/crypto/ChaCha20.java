package io.staticinvoice.lightning.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.ChaCha20ParameterSpec;

/**
 * The bare IETF ChaCha20 stream cipher (RFC 8439, 96-bit nonce, block counter starting at 0),
 * from the JDK provider: BOLT 4 Sphinx's pseudo-random streams ({@code generate_cipher_stream},
 * a 12-byte zero nonce) and onion message payload encryption.
 */
public final class ChaCha20 {

    private static final ReusableCipher CIPHER = new ReusableCipher("ChaCha20");

    private ChaCha20() {
    }

    /** The first {@code length} keystream bytes. */
    public static byte[] keystream(byte[] key32, byte[] nonce12, int length) {
        return xor(key32, nonce12, new byte[length]);
    }

    /** {@code data} XOR the keystream (encryption and decryption alike). */
    public static byte[] xor(byte[] key32, byte[] nonce12, byte[] data) {
        if (nonce12.length != 12) {
            throw new IllegalArgumentException("ChaCha20 nonce must be 12 bytes");
        }
        Cipher cipher = CIPHER.init(Cipher.ENCRYPT_MODE, key32, new ChaCha20ParameterSpec(nonce12, 0));
        try {
            return cipher.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20 failed", e);
        }
    }
}
