package io.staticinvoice.lightning.codec;

import java.util.HexFormat;

/** Lowercase hexadecimal, the form binary values take in logs, fixtures and the admin API. */
public final class Hex {

    private static final HexFormat FORMAT = HexFormat.of();

    private Hex() {
    }

    public static String encode(byte[] bytes) {
        return FORMAT.formatHex(bytes);
    }

    /** Decodes an even-length hex string (either case); surrounding whitespace is ignored. */
    public static byte[] decode(String hex) throws DecodeException {
        String trimmed = hex.strip();
        if (trimmed.length() % 2 != 0) {
            throw new DecodeException("hex string has odd length " + trimmed.length());
        }
        try {
            return FORMAT.parseHex(trimmed);
        } catch (IllegalArgumentException e) {
            throw new DecodeException("invalid hex: " + e.getMessage());
        }
    }
}
