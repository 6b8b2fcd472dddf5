package io.staticinvoice.lightning.crypto;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * HKDF-SHA256 (RFC 5869) as BOLT 8 uses it: {@code HKDF(salt, ikm)} with an empty info,
 * expanded to exactly two 32-byte keys (e.g. {@code ck, temp_k} or {@code sk, rk}).
 */
public final class Hkdf {

    private static final byte[] ONE = {1};
    private static final byte[] TWO = {2};

    private Hkdf() {
    }

    /** The two 32-byte output keys, in order. */
    public record TwoKeys(byte[] first, byte[] second) {

        public TwoKeys {
            first = first.clone();
            second = second.clone();
        }

        @Override
        public byte[] first() {
            return first.clone();
        }

        @Override
        public byte[] second() {
            return second.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TwoKeys that
                    && MessageDigest.isEqual(first, that.first)
                    && MessageDigest.isEqual(second, that.second);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(first) + Arrays.hashCode(second);
        }

        @Override
        public String toString() {
            return "TwoKeys[redacted]";
        }
    }

    public static TwoKeys extractExpand2(byte[] salt, byte[] ikm) {
        byte[] prk = HmacSha256.mac(salt, ikm);
        byte[] first = HmacSha256.mac(prk, ONE);
        byte[] second = HmacSha256.mac(prk, first, TWO);
        return new TwoKeys(first, second);
    }
}
