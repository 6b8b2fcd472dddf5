package io.staticinvoice.lightning.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.ChaCha20ParameterSpec;

/**
 * The bare IETF ChaCha20 stream cipher (RFC 8439, 96-bit nonce, block counter starting at 0),
 * from the JDK provider: BOLT 4 Sphinx's pseudo-random streams ({@code generate_cipher_stream},
 * a 12-byte zero nonce) and onion message payload encryption.
 */
public final class ChaCha20 {

    private static final ReusableCipher CIPHER = new ReusableCipher("ChaCha20");
    /** Bytes per ChaCha20 block (one block counter step). */
    private static final int BLOCK = 64;

    private ChaCha20() {
    }

    /** The first {@code length} keystream bytes. */
    public static byte[] keystream(byte[] key32, byte[] nonce12, int length) {
        return xor(key32, nonce12, new byte[length]);
    }

    /**
     * {@code length} keystream bytes starting at byte {@code offset} of the stream, without
     * generating the bytes before it: the cipher starts at the 64-byte block holding {@code offset}
     * (BOLT 4 filler generation needs only the tail of each hop's stream).
     */
    public static byte[] keystream(byte[] key32, byte[] nonce12, int offset, int length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative keystream offset or length");
        }
        int skip = offset % BLOCK;
        byte[] blocks = xor(key32, nonce12, offset / BLOCK, new byte[skip + length]);
        return skip == 0 ? blocks : Arrays.copyOfRange(blocks, skip, skip + length);
    }

    /** {@code data} XOR the keystream (encryption and decryption alike). */
    public static byte[] xor(byte[] key32, byte[] nonce12, byte[] data) {
        return xor(key32, nonce12, 0, data);
    }

    private static byte[] xor(byte[] key32, byte[] nonce12, int firstBlock, byte[] data) {
        if (nonce12.length != 12) {
            throw new IllegalArgumentException("ChaCha20 nonce must be 12 bytes");
        }
        Cipher cipher = CIPHER.init(Cipher.ENCRYPT_MODE, key32, new ChaCha20ParameterSpec(nonce12, firstBlock));
        try {
            return cipher.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20 failed", e);
        }
    }
}
