package io.staticinvoice.lightning.codec;

import java.util.Arrays;
import java.util.OptionalInt;
import java.util.function.IntPredicate;

/**
 * A feature bit vector as BOLT 9 encodes it: big-endian bytes where bit {@code i} is bit
 * {@code i % 8} of byte {@code length - 1 - i / 8}; even bits are "required", odd bits "optional"
 * ("it's OK to be odd"). Used by BOLT 12 offer, invoice request and invoice features and by
 * BOLT 4 blinded payinfo features. The bytes are kept exactly as received so that a message
 * re-encodes to identical bytes.
 */
public record FeatureBits(byte[] bytes) {

    private static final FeatureBits EMPTY = new FeatureBits(new byte[0]);

    public FeatureBits {
        bytes = bytes.clone();
    }

    /** No feature set, encoded as zero bytes. */
    public static FeatureBits empty() {
        return EMPTY;
    }

    /** The shortest vector with exactly the given bits set. */
    public static FeatureBits of(int... bits) {
        int highest = Arrays.stream(bits).max().orElse(-1);
        byte[] bytes = new byte[(highest + 8) / 8];
        for (int bit : bits) {
            if (bit < 0) {
                throw new IllegalArgumentException("negative feature bit " + bit);
            }
            bytes[bytes.length - 1 - bit / 8] |= (byte) (1 << (bit % 8));
        }
        return new FeatureBits(bytes);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The number of bytes of the encoding. */
    public int length() {
        return bytes.length;
    }

    /** Whether bit {@code bit} is set. */
    public boolean isSet(int bit) {
        int index = bytes.length - 1 - bit / 8;
        return bit >= 0 && index >= 0 && (bytes[index] & (1 << (bit % 8))) != 0;
    }

    /** Whether no bit is set (the encoding may still have zero bytes). */
    public boolean isEmpty() {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** The lowest even (required) bit that is set but not known, if any. */
    public OptionalInt firstUnknownRequiredBit(IntPredicate isKnown) {
        for (int bit = 0; bit < bytes.length * 8; bit += 2) {
            if (isSet(bit) && !isKnown.test(bit)) {
                return OptionalInt.of(bit);
            }
        }
        return OptionalInt.empty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FeatureBits that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "FeatureBits[" + Hex.encode(bytes) + "]";
    }
}
