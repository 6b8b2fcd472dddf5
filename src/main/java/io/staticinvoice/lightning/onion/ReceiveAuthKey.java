package io.staticinvoice.lightning.onion;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The node's secret for authenticating its own blinded message paths (LDK 0.2's
 * {@code ReceiveAuthKey}, {@code lightning/src/sign/mod.rs}). When we create a blinded path, the
 * encrypted data of every hop that ends at us (dummy hops and the final hop) is sealed with a
 * Poly1305 tag that also covers this key; on receipt a hop whose tag verifies with it is known to
 * come from a path we made. Secret: {@link #toString()} never shows it.
 */
public record ReceiveAuthKey(byte[] bytes) {

    /** Size of the key. */
    public static final int LENGTH = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    public ReceiveAuthKey {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("receive auth key must be " + LENGTH + " bytes");
        }
        bytes = bytes.clone();
    }

    /** A fresh key from {@link SecureRandom}. */
    public static ReceiveAuthKey random() {
        byte[] key = new byte[LENGTH];
        RANDOM.nextBytes(key);
        return new ReceiveAuthKey(key);
    }

    /** A copy of the secret bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReceiveAuthKey that && MessageDigest.isEqual(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "ReceiveAuthKey[redacted]";
    }
}
