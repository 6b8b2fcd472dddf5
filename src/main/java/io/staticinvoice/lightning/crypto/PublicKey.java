package io.staticinvoice.lightning.crypto;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import java.util.Arrays;

/**
 * A secp256k1 public key in its 33-byte compressed SEC 1 form (BOLT 1 {@code point}), always
 * a valid point on the curve: node ids, blinding points, ephemeral keys, signing keys.
 */
public record PublicKey(byte[] bytes) {

    /** Size of the compressed encoding. */
    public static final int LENGTH = 33;

    /** Validates; throws {@link IllegalArgumentException} when not a compressed curve point. */
    public PublicKey {
        if (bytes.length != LENGTH || !Curves.get().isValidPoint(bytes)) {
            throw new IllegalArgumentException("not a compressed secp256k1 point");
        }
        bytes = bytes.clone();
    }

    /** Parses untrusted bytes: exactly 33 bytes, prefix 02/03, x on the curve. */
    public static PublicKey parse(byte[] bytes) throws DecodeException {
        if (bytes.length != LENGTH) {
            throw new DecodeException("public key must be " + LENGTH + " bytes, got " + bytes.length);
        }
        try {
            return new PublicKey(bytes);
        } catch (IllegalArgumentException e) {
            throw new DecodeException("invalid public key " + Hex.encode(bytes) + ": not a secp256k1 point");
        }
    }

    /** A copy of the 33 compressed bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The 32-byte x coordinate (BIP-340 x-only key, as BOLT 12 signatures use). */
    public byte[] xOnly() {
        return Arrays.copyOfRange(bytes, 1, LENGTH);
    }

    public String hex() {
        return Hex.encode(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PublicKey that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
