package io.staticinvoice.lightning.codec;

import io.staticinvoice.lightning.crypto.PublicKey;
import java.util.Arrays;

/**
 * A forward-only cursor over untrusted bytes that reads the BOLT 1 fundamental types
 * (u8, u16, u32, u64, BigSize, truncated integers tu16/tu32/tu64, {@code point}).
 * Every read checks that enough bytes remain and throws {@link DecodeException} otherwise,
 * so decoders built on it never see an index error.
 */
public final class ByteReader {

    private final byte[] data;
    private final int end;
    private int position;

    /** Reads the whole array (not copied: the caller must not modify it while reading). */
    public ByteReader(byte[] data) {
        this(data, 0, data.length);
    }

    /** Reads {@code length} bytes of {@code data} starting at {@code offset}. */
    public ByteReader(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IndexOutOfBoundsException(
                    "slice " + offset + "+" + length + " outside array of " + data.length);
        }
        this.data = data;
        this.position = offset;
        this.end = offset + length;
    }

    public int remaining() {
        return end - position;
    }

    public boolean hasRemaining() {
        return position < end;
    }

    public int u8() throws DecodeException {
        require(1);
        return data[position++] & 0xff;
    }

    public int u16() throws DecodeException {
        return (int) readUnsigned(2);
    }

    public long u32() throws DecodeException {
        return readUnsigned(4);
    }

    /** An unsigned 64-bit integer; values of 2^63 and more come back negative (use unsigned ops). */
    public long u64() throws DecodeException {
        return readUnsigned(8);
    }

    /** A BigSize (BOLT 1), canonically encoded; see {@link BigSize#read(ByteReader)}. */
    public long bigSize() throws DecodeException {
        return BigSize.read(this);
    }

    /** A truncated u16 occupying exactly {@code length} bytes (0..2), minimally encoded. */
    public int tu16(int length) throws DecodeException {
        return (int) truncated(length, 2, "tu16");
    }

    /** A truncated u32 occupying exactly {@code length} bytes (0..4), minimally encoded. */
    public long tu32(int length) throws DecodeException {
        return truncated(length, 4, "tu32");
    }

    /** A truncated u64 occupying exactly {@code length} bytes (0..8), minimally encoded. */
    public long tu64(int length) throws DecodeException {
        return truncated(length, 8, "tu64");
    }

    /** Copies the next {@code n} bytes. */
    public byte[] bytes(int n) throws DecodeException {
        if (n < 0) {
            throw new DecodeException("negative length " + n);
        }
        require(n);
        byte[] out = Arrays.copyOfRange(data, position, position + n);
        position += n;
        return out;
    }

    /** Copies all remaining bytes (possibly none). */
    public byte[] rest() {
        byte[] out = Arrays.copyOfRange(data, position, end);
        position = end;
        return out;
    }

    /** A 33-byte compressed secp256k1 point ({@code point} in BOLT 1), validated on the curve. */
    public PublicKey publicKey() throws DecodeException {
        return PublicKey.parse(bytes(PublicKey.LENGTH));
    }

    private long truncated(int length, int maxLength, String name) throws DecodeException {
        if (length < 0 || length > maxLength) {
            throw new DecodeException(name + " length " + length + " out of range 0.." + maxLength);
        }
        require(length);
        if (length > 0 && data[position] == 0) {
            throw new DecodeException("non-minimal " + name + ": leading zero byte");
        }
        return readUnsigned(length);
    }

    private long readUnsigned(int n) throws DecodeException {
        require(n);
        long value = 0;
        for (int i = 0; i < n; i++) {
            value = (value << 8) | (data[position++] & 0xff);
        }
        return value;
    }

    private void require(int n) throws DecodeException {
        if (n > end - position) {
            throw new DecodeException("truncated: need " + n + " bytes, have " + (end - position));
        }
    }
}
