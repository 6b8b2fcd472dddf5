package io.staticinvoice.lightning.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A secp256k1 secret key: a 32-byte scalar in [1, n-1] (node keys, ephemeral keys of BOLT 4
 * and BOLT 8, BOLT 12 signing keys). Never untrusted input, so an invalid key is a programming
 * error ({@link IllegalArgumentException}). {@link #toString()} never shows the key.
 */
public record PrivateKey(byte[] bytes) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public PrivateKey {
        if (!Curves.get().isValidPrivateKey(bytes)) {
            throw new IllegalArgumentException("not a valid secp256k1 private key");
        }
        bytes = bytes.clone();
    }

    public static PrivateKey of(byte[] bytes) {
        return new PrivateKey(bytes);
    }

    /** A fresh key from {@link SecureRandom}. */
    public static PrivateKey random() {
        byte[] candidate = new byte[32];
        do {
            RANDOM.nextBytes(candidate);
        } while (!Curves.get().isValidPrivateKey(candidate));
        return new PrivateKey(candidate);
    }

    /** {@code this * G}, computed on every call: keep the result when it is needed often. */
    public PublicKey publicKey() {
        return PublicKey.fromCurve(Curves.get().publicKey(bytes));
    }

    /** A copy of the 32 secret bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Constant-time comparison of the secret bytes. */
    @Override
    public boolean equals(Object other) {
        return other instanceof PrivateKey that && MessageDigest.isEqual(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "PrivateKey[redacted]";
    }
}
