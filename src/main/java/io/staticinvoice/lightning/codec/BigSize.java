package io.staticinvoice.lightning.codec;

/**
 * BOLT 1 {@code bigsize}: a variable-length unsigned 64-bit integer (big-endian, like Bitcoin's
 * CompactSize) whose encoding must be canonical, i.e. use the shortest of the 1/3/5/9-byte forms.
 * Values are Java longs read as unsigned.
 */
public final class BigSize {

    private BigSize() {
    }

    /** The canonical encoding of an unsigned 64-bit value. */
    public static byte[] encode(long value) {
        int length = encodedLength(value);
        byte[] out = new byte[length];
        if (length == 1) {
            out[0] = (byte) value;
            return out;
        }
        out[0] = (byte) (length == 3 ? 0xfd : length == 5 ? 0xfe : 0xff);
        for (int i = 1; i < length; i++) {
            out[i] = (byte) (value >>> (8 * (length - 1 - i)));
        }
        return out;
    }

    /** Number of bytes of the canonical encoding: 1, 3, 5 or 9. */
    public static int encodedLength(long value) {
        if (Long.compareUnsigned(value, 0xfd) < 0) {
            return 1;
        } else if (Long.compareUnsigned(value, 0x1_0000L) < 0) {
            return 3;
        } else if (Long.compareUnsigned(value, 0x1_0000_0000L) < 0) {
            return 5;
        }
        return 9;
    }

    /** Reads one BigSize, rejecting truncated input and non-canonical ("non-minimal") forms. */
    public static long read(ByteReader reader) throws DecodeException {
        int prefix = reader.u8();
        long value;
        long minimum;
        switch (prefix) {
            case 0xfd -> {
                value = reader.u16();
                minimum = 0xfd;
            }
            case 0xfe -> {
                value = reader.u32();
                minimum = 0x1_0000L;
            }
            case 0xff -> {
                value = reader.u64();
                minimum = 0x1_0000_0000L;
            }
            default -> {
                return prefix;
            }
        }
        if (Long.compareUnsigned(value, minimum) < 0) {
            throw new DecodeException("non-canonical BigSize: " + Long.toUnsignedString(value)
                    + " encoded with prefix 0x" + Integer.toHexString(prefix));
        }
        return value;
    }
}
