package io.staticinvoice.lightning.codec;

/**
 * LDK's length prefix for collections and byte vectors ({@code CollectionLength} in
 * rust-lightning {@code lightning/src/util/ser.rs}): a big-endian u16, or {@code 0xffff} followed
 * by a u64 holding {@code length - 0xffff} for lengths of 65535 and more. Below 65535 it is exactly
 * the u16 length of the BOLT wire formats (e.g. a blinded hop's {@code enclen}); LDK writes
 * {@code Vec<BlindedMessagePath>} and {@code Vec<u8>} fields with it.
 */
public final class CollectionLength {

    private static final int ESCAPE = 0xffff;

    private CollectionLength() {
    }

    /** Reads a length (unsigned); the caller checks it against the bytes that remain. */
    public static long read(ByteReader reader) throws DecodeException {
        int length = reader.u16();
        if (length != ESCAPE) {
            return length;
        }
        long extra = reader.u64();
        if (Long.compareUnsigned(extra, -1L - ESCAPE) > 0) {
            throw new DecodeException("collection length overflows u64");
        }
        return extra + ESCAPE;
    }

    /** Writes a length in LDK's form. */
    public static void write(ByteWriter writer, long length) {
        if (Long.compareUnsigned(length, ESCAPE) < 0) {
            writer.u16((int) length);
        } else {
            writer.u16(ESCAPE).u64(length - ESCAPE);
        }
    }

    /** Reads an LDK {@code Vec<u8>}: a length, then that many bytes (checked before allocating). */
    public static byte[] readBytes(ByteReader reader) throws DecodeException {
        long length = read(reader);
        if (Long.compareUnsigned(length, reader.remaining()) > 0) {
            throw new DecodeException("truncated: need " + Long.toUnsignedString(length)
                    + " bytes, have " + reader.remaining());
        }
        return reader.bytes((int) length);
    }

    /** Writes an LDK {@code Vec<u8>}: its length, then its bytes. */
    public static void writeBytes(ByteWriter writer, byte[] bytes) {
        write(writer, bytes.length);
        writer.bytes(bytes);
    }
}
