package io.staticinvoice.lightning.codec;

import io.staticinvoice.lightning.crypto.PublicKey;
import java.util.Arrays;

/**
 * A growable big-endian buffer that writes the BOLT 1 fundamental types; the encoding
 * counterpart of {@link ByteReader}. Truncated integers are written minimally (no leading
 * zero bytes). Every method returns {@code this} for chaining.
 */
public final class ByteWriter {

    private byte[] buffer;
    private int size;

    public ByteWriter() {
        this(64);
    }

    public ByteWriter(int initialCapacity) {
        buffer = new byte[Math.max(initialCapacity, 16)];
    }

    public ByteWriter u8(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    public ByteWriter u16(int value) {
        return writeBigEndian(value, 2);
    }

    public ByteWriter u32(long value) {
        return writeBigEndian(value, 4);
    }

    public ByteWriter u64(long value) {
        return writeBigEndian(value, 8);
    }

    public ByteWriter bigSize(long value) {
        return bytes(BigSize.encode(value));
    }

    /** A truncated u16: the value's big-endian bytes without leading zeros (0 writes nothing). */
    public ByteWriter tu16(int value) {
        return tu64(value & 0xffffL);
    }

    /** A truncated u32: the value's big-endian bytes without leading zeros (0 writes nothing). */
    public ByteWriter tu32(long value) {
        return tu64(value & 0xffff_ffffL);
    }

    /** A truncated u64: the value's big-endian bytes without leading zeros (0 writes nothing). */
    public ByteWriter tu64(long value) {
        return writeBigEndian(value, truncatedLength(value));
    }

    public ByteWriter bytes(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
        return this;
    }

    public ByteWriter publicKey(PublicKey key) {
        return bytes(key.bytes());
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    /** Number of bytes a truncated integer of this (unsigned) value occupies: 0..8. */
    public static int truncatedLength(long value) {
        return (Long.SIZE - Long.numberOfLeadingZeros(value) + 7) / 8;
    }

    private ByteWriter writeBigEndian(long value, int n) {
        ensure(n);
        for (int i = n - 1; i >= 0; i--) {
            buffer[size++] = (byte) (value >>> (8 * i));
        }
        return this;
    }

    private void ensure(int extra) {
        if (extra > buffer.length - size) {
            int needed = Math.addExact(size, extra);
            buffer = Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
        }
    }
}
