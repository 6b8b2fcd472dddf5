package io.staticinvoice.lightning.codec;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A value that is exactly a fixed number of bytes (a 32-byte id or hash, a 64-byte signature, a
 * 33-byte point), the common base of such wire values because records cannot share an
 * implementation. The bytes are copied on the way in and out, so a value is immutable. Two values
 * are equal when they are of the same class and hold the same bytes; the comparison is constant
 * time, so secrets can extend it too ({@code SecretBytes} in the crypto package). {@link #toString()}
 * is the lowercase hex of the bytes.
 */
public abstract class FixedBytes {

    private final byte[] bytes;

    /**
     * Copies {@code bytes}.
     *
     * @param length the only length a value of this kind has
     * @param what   what the value is, for the error message, e.g. {@code "a chain hash"}
     * @throws IllegalArgumentException when {@code bytes} is not {@code length} bytes long
     */
    protected FixedBytes(byte[] bytes, int length, String what) {
        if (bytes.length != length) {
            throw new IllegalArgumentException(what + " is " + length + " bytes, got " + bytes.length);
        }
        this.bytes = bytes.clone();
    }

    /** A copy of the bytes. */
    public final byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public final boolean equals(Object other) {
        return other != null && other.getClass() == getClass()
                && MessageDigest.isEqual(bytes, ((FixedBytes) other).bytes);
    }

    @Override
    public final int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return Hex.encode(bytes);
    }
}
