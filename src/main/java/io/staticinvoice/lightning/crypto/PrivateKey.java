package io.staticinvoice.lightning.crypto;

import java.security.SecureRandom;

/**
 * A secp256k1 secret key: a 32-byte scalar in [1, n-1] (node keys, ephemeral keys of BOLT 4
 * and BOLT 8, BOLT 12 signing keys). Never untrusted input, so an invalid key is a programming
 * error ({@link IllegalArgumentException}). {@link #toString()} never shows the key.
 */
public final class PrivateKey extends SecretBytes {

    /** Length of a private key in bytes. */
    public static final int LENGTH = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Copies a valid scalar; throws {@link IllegalArgumentException} when it is not one. */
    public PrivateKey(byte[] bytes) {
        super(requireValid(bytes), LENGTH, "a private key");
    }

    /** Same as {@link #PrivateKey(byte[])}. */
    public static PrivateKey of(byte[] bytes) {
        return new PrivateKey(bytes);
    }

    /** A fresh key from {@link SecureRandom}. */
    public static PrivateKey random() {
        byte[] candidate = new byte[LENGTH];
        do {
            RANDOM.nextBytes(candidate);
        } while (!Curves.get().isValidPrivateKey(candidate));
        return new PrivateKey(candidate);
    }

    /** {@code this * G}, computed on every call: keep the result when it is needed often. */
    public PublicKey publicKey() {
        return PublicKey.fromCurve(Curves.get().publicKey(bytes()));
    }

    private static byte[] requireValid(byte[] bytes) {
        if (!Curves.get().isValidPrivateKey(bytes)) {
            throw new IllegalArgumentException("not a valid secp256k1 private key");
        }
        return bytes;
    }
}
