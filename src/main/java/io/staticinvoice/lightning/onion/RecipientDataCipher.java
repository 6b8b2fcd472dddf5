package io.staticinvoice.lightning.onion;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.crypto.ChaCha20;
import io.staticinvoice.lightning.crypto.ChaCha20Poly1305;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Encryption of a blinded hop's {@code encrypted_recipient_data} under its {@code rho} key
 * (BOLT 4 "Route Blinding": ChaCha20-Poly1305, all-zero nonce, no associated data), and LDK 0.2's
 * authenticated variant for hops that end at the path's creator
 * ({@code lightning/src/crypto/streams.rs}, {@code chachapoly_encrypt_with_swapped_aad} and
 * {@code ChaChaDualPolyReadAdapter}): the same ciphertext, but the Poly1305 tag covers the
 * ciphertext first, then the 32-byte {@link ReceiveAuthKey} as if it were the message, so only
 * the creator can produce or check it. A reader accepts either tag and learns which one matched.
 */
public final class RecipientDataCipher {

    /** Size of the Poly1305 tag appended to the ciphertext. */
    public static final int TAG_LENGTH = 16;

    private static final byte[] ZERO_NONCE = new byte[12];
    private static final int BLOCK = 64;

    private RecipientDataCipher() {
    }

    /** A decrypted {@code encrypted_recipient_data}. */
    public record Decrypted(byte[] plaintext, boolean authenticated) {

        /** A copy of the plaintext. */
        @Override
        public byte[] plaintext() {
            return plaintext.clone();
        }
    }

    /** Standard BOLT 4 encryption: ciphertext || tag. */
    public static byte[] encrypt(byte[] rho, byte[] plaintext) {
        return ChaCha20Poly1305.encrypt(rho, ZERO_NONCE, new byte[0], plaintext);
    }

    /** LDK's authenticated encryption for a hop that ends at us: ciphertext || swapped-AAD tag. */
    public static byte[] encryptAuthenticated(byte[] rho, byte[] plaintext, ReceiveAuthKey authKey) {
        byte[] stream = ChaCha20.keystream(rho, ZERO_NONCE, BLOCK + plaintext.length);
        byte[] out = Arrays.copyOf(plaintext, plaintext.length + TAG_LENGTH);
        for (int i = 0; i < plaintext.length; i++) {
            out[i] ^= stream[BLOCK + i];
        }
        byte[] tag = swappedTag(stream, out, plaintext.length, authKey.bytes());
        System.arraycopy(tag, 0, out, plaintext.length, TAG_LENGTH);
        return out;
    }

    /**
     * Decrypts untrusted {@code ciphertext || tag}: accepted when the standard tag matches
     * ({@code authenticated = false}) or, given our key, when the swapped-AAD tag matches
     * ({@code authenticated = true}).
     */
    public static Decrypted decrypt(byte[] rho, byte[] data, Optional<ReceiveAuthKey> authKey) throws DecodeException {
        if (data.length < TAG_LENGTH) {
            throw new DecodeException("encrypted_recipient_data shorter than its " + TAG_LENGTH + "-byte tag");
        }
        int length = data.length - TAG_LENGTH;
        byte[] stream = ChaCha20.keystream(rho, ZERO_NONCE, BLOCK + length);
        byte[] tag = Arrays.copyOfRange(data, length, data.length);
        boolean authenticated;
        if (MessageDigest.isEqual(standardTag(stream, data, length), tag)) {
            authenticated = false;
        } else if (authKey.isPresent() && MessageDigest.isEqual(swappedTag(stream, data, length, authKey.get().bytes()), tag)) {
            authenticated = true;
        } else {
            throw new DecodeException("encrypted_recipient_data authentication failed");
        }
        byte[] plaintext = Arrays.copyOf(data, length);
        for (int i = 0; i < length; i++) {
            plaintext[i] ^= stream[BLOCK + i];
        }
        return new Decrypted(plaintext, authenticated);
    }

    /** RFC 8439 tag with empty associated data: pad16(ct) || le64(0) || le64(len). */
    private static byte[] standardTag(byte[] stream, byte[] ciphertext, int length) {
        Poly1305 mac = poly(stream, ciphertext, length);
        mac.update(littleEndian(0), 0, 8);
        mac.update(littleEndian(length), 0, 8);
        return finish(mac);
    }

    /** LDK's tag: pad16(ct) || key || le64(len) || le64(32). */
    private static byte[] swappedTag(byte[] stream, byte[] ciphertext, int length, byte[] key) {
        Poly1305 mac = poly(stream, ciphertext, length);
        mac.update(key, 0, key.length);
        mac.update(littleEndian(length), 0, 8);
        mac.update(littleEndian(key.length), 0, 8);
        return finish(mac);
    }

    private static Poly1305 poly(byte[] stream, byte[] ciphertext, int length) {
        Poly1305 mac = new Poly1305();
        mac.init(new KeyParameter(stream, 0, 32));
        mac.update(ciphertext, 0, length);
        int pad = (16 - length % 16) % 16;
        mac.update(new byte[pad], 0, pad);
        return mac;
    }

    private static byte[] finish(Poly1305 mac) {
        byte[] tag = new byte[TAG_LENGTH];
        mac.doFinal(tag, 0);
        return tag;
    }

    private static byte[] littleEndian(long value) {
        byte[] out = new byte[8];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (value >>> (8 * i));
        }
        return out;
    }
}
