package io.staticinvoice.lightning.crypto;

import io.staticinvoice.lightning.codec.DecodeException;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;

/**
 * The ChaCha20-Poly1305 AEAD of RFC 8439 (JDK provider), as BOLT 8's {@code encryptWithAD} /
 * {@code decryptWithAD} and BOLT 4's {@code encrypted_recipient_data} use it: output is
 * ciphertext || 16-byte tag.
 */
public final class ChaCha20Poly1305 {

    /** Length of the Poly1305 tag appended to every ciphertext. */
    public static final int TAG_LENGTH = 16;

    private static final ReusableCipher CIPHER = new ReusableCipher("ChaCha20-Poly1305");

    private ChaCha20Poly1305() {
    }

    public static byte[] encrypt(byte[] key32, byte[] nonce12, byte[] aad, byte[] plaintext) {
        Cipher cipher = init(Cipher.ENCRYPT_MODE, key32, nonce12, aad);
        try {
            return cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 encryption failed", e);
        }
    }

    /** Decrypts and authenticates; a wrong key, nonce, aad or tampered input fails with "authentication failed". */
    public static byte[] decrypt(byte[] key32, byte[] nonce12, byte[] aad, byte[] ciphertextAndTag)
            throws DecodeException {
        if (ciphertextAndTag.length < TAG_LENGTH) {
            throw new DecodeException("ciphertext shorter than the " + TAG_LENGTH + "-byte tag");
        }
        Cipher cipher = init(Cipher.DECRYPT_MODE, key32, nonce12, aad);
        try {
            return cipher.doFinal(ciphertextAndTag);
        } catch (AEADBadTagException e) {
            throw new DecodeException("authentication failed");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 decryption failed", e);
        }
    }

    /** BOLT 8's 96-bit nonce: 32 zero bits then the little-endian 64-bit counter {@code n}. */
    public static byte[] bolt8Nonce(long n) {
        byte[] nonce = new byte[12];
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (n >>> (8 * i));
        }
        return nonce;
    }

    private static Cipher init(int mode, byte[] key32, byte[] nonce12, byte[] aad) {
        if (nonce12.length != 12) {
            throw new IllegalArgumentException("ChaCha20-Poly1305 nonce must be 12 bytes");
        }
        Cipher cipher = CIPHER.init(mode, key32, new IvParameterSpec(nonce12));
        cipher.updateAAD(aad);
        return cipher;
    }
}
