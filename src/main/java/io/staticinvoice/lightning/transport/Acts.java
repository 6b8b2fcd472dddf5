package io.staticinvoice.lightning.transport;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.crypto.PublicKey;

import java.util.Arrays;

/** Parsing shared by the three BOLT 8 acts: exact length, version byte, ephemeral key. */
final class Acts {

    private Acts() {
    }

    static void checkHeader(String act, byte[] bytes, int length) throws DecodeException {
        if (bytes.length != length) {
            throw new DecodeException(act + ": need exactly " + length + " bytes, got " + bytes.length);
        }
        if (bytes[0] != Handshake.VERSION) {
            throw new DecodeException(act + ": unknown handshake version " + (bytes[0] & 0xff));
        }
    }

    /** Checks an act one or act two and returns the ephemeral key it carries (bytes 1..33). */
    static PublicKey parseEphemeralAct(String act, byte[] bytes) throws DecodeException {
        checkHeader(act, bytes, Handshake.ACT_ONE_LENGTH);
        try {
            return PublicKey.parse(Arrays.copyOfRange(bytes, 1, 34));
        } catch (DecodeException e) {
            throw new DecodeException(act + ": invalid ephemeral key: " + e.getMessage(), e);
        }
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, offset, part.length);
            offset += part.length;
        }
        return out;
    }
}
