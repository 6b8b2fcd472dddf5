package io.staticinvoice.lightning.codec;

import java.util.Arrays;
import java.util.Locale;

/**
 * The BOLT 12 string form of offers ({@code lno}), invoice requests ({@code lnr}) and invoices
 * ({@code lni}): a human-readable prefix, the separator {@code 1}, then the TLV bytes in the bech32
 * alphabet with NO checksum (BOLT 12 "Encoding"). Readers accept all-lowercase or all-uppercase
 * strings and strings split by {@code +} followed by optional whitespace, with LDK's rules
 * ({@code lightning/src/offers/parse.rs}): no whitespace before the first {@code +}, and every
 * {@code +} must sit between two bech32 characters.
 */
public final class Bech32 {

    /** Human-readable prefix of an offer. */
    public static final String OFFER_HRP = "lno";
    /** Human-readable prefix of an invoice request. */
    public static final String INVOICE_REQUEST_HRP = "lnr";
    /** Human-readable prefix of an invoice. */
    public static final String INVOICE_HRP = "lni";

    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int[] CHARSET_REVERSE = new int[128];

    static {
        Arrays.fill(CHARSET_REVERSE, -1);
        for (int i = 0; i < CHARSET.length(); i++) {
            CHARSET_REVERSE[CHARSET.charAt(i)] = i;
        }
    }

    private Bech32() {
    }

    /**
     * A decoded BOLT 12 string: its human-readable prefix (lowercase) and the bytes it carries.
     */
    public record Bolt12String(String hrp, byte[] data) {

        public Bolt12String {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Bolt12String that && hrp.equals(that.hrp)
                    && Arrays.equals(data, that.data);
        }

        @Override
        public int hashCode() {
            return 31 * hrp.hashCode() + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return encode(hrp, data);
        }
    }

    /** Encodes bytes under a lowercase prefix, in lowercase, without continuations. */
    public static String encode(String hrp, byte[] data) {
        StringBuilder out = new StringBuilder(hrp.length() + 1 + (data.length * 8 + 4) / 5);
        out.append(hrp.toLowerCase(Locale.ROOT)).append('1');
        int accumulator = 0;
        int bits = 0;
        for (byte b : data) {
            accumulator = (accumulator << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out.append(CHARSET.charAt((accumulator >>> bits) & 31));
            }
        }
        if (bits > 0) {
            out.append(CHARSET.charAt((accumulator << (5 - bits)) & 31));
        }
        return out.toString();
    }

    /** Decodes a BOLT 12 string whose prefix must be {@code expectedHrp}; returns its bytes. */
    public static byte[] decode(String text, String expectedHrp) throws DecodeException {
        Bolt12String decoded = decode(text);
        if (!decoded.hrp().equals(expectedHrp)) {
            throw new DecodeException("expected prefix '" + expectedHrp + "', got '" + decoded.hrp() + "'");
        }
        return decoded.data();
    }

    /** Decodes any BOLT 12 string: joins {@code +} continuations, checks case and alphabet. */
    public static Bolt12String decode(String text) throws DecodeException {
        String joined = joinContinuations(text);
        int separator = joined.lastIndexOf('1');
        if (separator < 0) {
            throw new DecodeException("bech32 string has no '1' separator");
        }
        if (separator == 0) {
            throw new DecodeException("bech32 string has an empty prefix");
        }
        boolean lower = false;
        boolean upper = false;
        for (int i = 0; i < joined.length(); i++) {
            char c = joined.charAt(i);
            lower |= c >= 'a' && c <= 'z';
            upper |= c >= 'A' && c <= 'Z';
        }
        if (lower && upper) {
            throw new DecodeException("bech32 string mixes upper and lower case");
        }
        String normalized = joined.toLowerCase(Locale.ROOT);
        for (int i = 0; i < separator; i++) {
            char c = normalized.charAt(i);
            if (c < 33 || c > 126) {
                throw new DecodeException("invalid character in bech32 prefix at position " + i);
            }
        }
        return new Bolt12String(normalized.substring(0, separator), fromFiveBit(normalized, separator + 1));
    }

    private static byte[] fromFiveBit(String normalized, int start) throws DecodeException {
        int characters = normalized.length() - start;
        byte[] out = new byte[characters * 5 / 8];
        int accumulator = 0;
        int bits = 0;
        int written = 0;
        for (int i = start; i < normalized.length(); i++) {
            char c = normalized.charAt(i);
            int value = c < 128 ? CHARSET_REVERSE[c] : -1;
            if (value < 0) {
                throw new DecodeException("invalid bech32 character at position " + i);
            }
            accumulator = ((accumulator << 5) | value) & 0xfff;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out[written++] = (byte) (accumulator >>> bits);
            }
        }
        if (bits > 4) {
            throw new DecodeException("bech32 padding exceeds 4 bits");
        }
        if ((accumulator & ((1 << bits) - 1)) != 0) {
            throw new DecodeException("bech32 padding bits are not zero");
        }
        return out;
    }

    private static String joinContinuations(String text) throws DecodeException {
        if (text.indexOf('+') < 0) {
            return text;
        }
        String[] chunks = text.split("\\+", -1);
        if (chunks[0].isEmpty()) {
            throw new DecodeException("'+' must follow a bech32 character");
        }
        if (containsWhitespace(chunks[0])) {
            throw new DecodeException("whitespace before the first '+'");
        }
        StringBuilder joined = new StringBuilder(text.length()).append(chunks[0]);
        for (int i = 1; i < chunks.length; i++) {
            String chunk = stripLeadingWhitespace(chunks[i]);
            if (chunk.isEmpty()) {
                throw new DecodeException("'+' must be followed by a bech32 character");
            }
            if (containsWhitespace(chunk)) {
                throw new DecodeException("whitespace inside a '+' continuation");
            }
            joined.append(chunk);
        }
        return joined.toString();
    }

    private static String stripLeadingWhitespace(String chunk) {
        int i = 0;
        while (i < chunk.length() && isWhitespace(chunk.charAt(i))) {
            i++;
        }
        return chunk.substring(i);
    }

    private static boolean containsWhitespace(String chunk) {
        return chunk.chars().anyMatch(c -> isWhitespace((char) c));
    }

    private static boolean isWhitespace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
