package io.staticinvoice.lightning.wire;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A BOLT 9 feature bit vector, as {@code init} carries it (BOLT 1): bit 0 is the least
 * significant bit of the last byte. Immutable.
 */
public final class Features {

    private static final Features EMPTY = new Features(new BitSet());

    private final BitSet bits;

    private Features(BitSet bits) {
        this.bits = bits;
    }

    public static Features empty() {
        return EMPTY;
    }

    /** Reads a big-endian bit field of any length; every bit pattern is a valid vector. */
    public static Features decode(byte[] field) {
        BitSet bits = new BitSet(field.length * 8);
        for (int i = 0; i < field.length; i++) {
            int value = field[field.length - 1 - i] & 0xff;
            for (int b = 0; b < 8; b++) {
                if ((value & (1 << b)) != 0) {
                    bits.set(i * 8 + b);
                }
            }
        }
        return new Features(bits);
    }

    /** The minimal big-endian field (no leading zero bytes; empty when no bit is set). */
    public byte[] encode() {
        int length = (bits.length() + 7) / 8;
        byte[] field = new byte[length];
        for (int bit = bits.nextSetBit(0); bit >= 0; bit = bits.nextSetBit(bit + 1)) {
            field[length - 1 - bit / 8] |= (byte) (1 << (bit % 8));
        }
        return field;
    }

    public boolean isSet(int bit) {
        return bits.get(bit);
    }

    /** Whether the feature is offered, as required or as optional. */
    public boolean supports(Feature feature) {
        return bits.get(feature.requiredBit()) || bits.get(feature.optionalBit());
    }

    public Features withOptional(Feature feature) {
        return withBit(feature.optionalBit());
    }

    public Features withRequired(Feature feature) {
        return withBit(feature.requiredBit());
    }

    public Features withBit(int bit) {
        BitSet copy = (BitSet) bits.clone();
        copy.set(bit);
        return new Features(copy);
    }

    /** The union of both vectors, as BOLT 1 combines {@code globalfeatures} and {@code features}. */
    public Features or(Features other) {
        BitSet union = (BitSet) bits.clone();
        union.or(other.bits);
        return new Features(union);
    }

    /** Only the bits up to {@code highestBit}, e.g. 13 for {@code init}'s legacy {@code globalfeatures}. */
    public Features upTo(int highestBit) {
        return new Features(bits.get(0, highestBit + 1));
    }

    /**
     * The even (required) bits set here whose feature {@code other} offers in neither form:
     * a node receiving such a vector from a peer must close the connection (BOLT 1 {@code init}).
     */
    public List<Integer> requiredBitsMissingFrom(Features other) {
        List<Integer> missing = new ArrayList<>();
        for (int bit = bits.nextSetBit(0); bit >= 0; bit = bits.nextSetBit(bit + 1)) {
            if (bit % 2 == 0 && !other.bits.get(bit) && !other.bits.get(bit + 1)) {
                missing.add(bit);
            }
        }
        return missing;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Features that && bits.equals(that.bits);
    }

    @Override
    public int hashCode() {
        return bits.hashCode();
    }

    /** The set bit numbers, e.g. {@code {9, 39}}. */
    @Override
    public String toString() {
        return bits.toString();
    }
}
