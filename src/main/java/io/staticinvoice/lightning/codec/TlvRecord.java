package io.staticinvoice.lightning.codec;

import java.util.Arrays;

/**
 * One record of a BOLT 1 TLV stream: a BigSize {@code type} (unsigned) and its raw value.
 * The value array is copied on the way in and out, so a record is immutable.
 */
public record TlvRecord(long type, byte[] value) {

    public TlvRecord {
        value = value.clone();
    }

    /** A copy of the raw value bytes. */
    @Override
    public byte[] value() {
        return value.clone();
    }

    /** Length of the value in bytes. */
    public int length() {
        return value.length;
    }

    /** A reader over the value, for decoding a known record's fields. */
    public ByteReader reader() {
        return new ByteReader(value);
    }

    /** Whether the type is odd, i.e. "it's ok to be odd": unknown instances may be ignored. */
    public boolean isOdd() {
        return (type & 1) == 1;
    }

    void writeTo(ByteWriter writer) {
        writer.bigSize(type).bigSize(value.length).bytes(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TlvRecord that && type == that.type && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(type) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "TlvRecord[type=" + Long.toUnsignedString(type) + ", value=" + Hex.encode(value) + "]";
    }
}
