package io.staticinvoice.lightning.crypto;

import io.staticinvoice.lightning.codec.FixedBytes;

/**
 * A fixed-length secret (a private key, an authentication key): a {@link FixedBytes} that is
 * compared in constant time and whose {@link #toString()} never shows the bytes, only
 * {@code Name[redacted]}, so a secret that reaches a log or an exception message stays secret.
 */
public abstract class SecretBytes extends FixedBytes {

    /** See {@link FixedBytes#FixedBytes(byte[], int, String)}. */
    protected SecretBytes(byte[] bytes, int length, String what) {
        super(bytes, length, what);
    }

    @Override
    public final String toString() {
        return getClass().getSimpleName() + "[redacted]";
    }
}
