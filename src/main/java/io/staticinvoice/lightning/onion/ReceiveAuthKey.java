package io.staticinvoice.lightning.onion;

import io.staticinvoice.lightning.crypto.SecretBytes;
import java.security.SecureRandom;

/**
 * The node's secret for authenticating its own blinded message paths (LDK 0.2's
 * {@code ReceiveAuthKey}, {@code lightning/src/sign/mod.rs}). When we create a blinded path, the
 * encrypted data of every hop that ends at us (dummy hops and the final hop) is sealed with a
 * Poly1305 tag that also covers this key; on receipt a hop whose tag verifies with it is known to
 * come from a path we made. Secret: {@link #toString()} never shows it.
 */
public final class ReceiveAuthKey extends SecretBytes {

    /** Size of the key. */
    public static final int LENGTH = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Copies the 32 bytes of a key. */
    public ReceiveAuthKey(byte[] bytes) {
        super(bytes, LENGTH, "a receive auth key");
    }

    /** A fresh key from {@link SecureRandom}. */
    public static ReceiveAuthKey random() {
        byte[] key = new byte[LENGTH];
        RANDOM.nextBytes(key);
        return new ReceiveAuthKey(key);
    }
}
