package io.staticinvoice.lightning.crypto;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.FixedBytes;
import io.staticinvoice.lightning.codec.Hex;
import java.util.Arrays;

/**
 * A secp256k1 public key in its 33-byte compressed SEC 1 form (BOLT 1 {@code point}), always
 * a valid point on the curve: node ids, blinding points, ephemeral keys, signing keys. Bytes from
 * outside are checked to be on the curve (a square root, about 5 µs), unless they were checked
 * lately ({@link RecentPoints}); points our own curve operations produce ({@link #multiply},
 * {@link PrivateKey#publicKey()}) are valid by construction and not checked again.
 */
public final class PublicKey extends FixedBytes {

    /** Size of the compressed encoding. */
    public static final int LENGTH = 33;

    private static final RecentPoints RECENT = new RecentPoints();

    /** Validates; throws {@link IllegalArgumentException} when not a compressed curve point. */
    public PublicKey(byte[] bytes) {
        super(requirePoint(bytes), LENGTH, "a compressed public key");
    }

    /** Who vouches for a point that is not checked again. */
    private enum Vouched { BY_CURVE }

    private PublicKey(byte[] point33, Vouched vouched) {
        super(point33, LENGTH, "a compressed public key");
    }

    /** A compressed point that {@link Curves#get()} just returned, which it guarantees valid. */
    static PublicKey fromCurve(byte[] point33) {
        if (point33.length != LENGTH) {
            throw new IllegalStateException("the curve returned a " + point33.length + "-byte point");
        }
        return new PublicKey(point33, Vouched.BY_CURVE);
    }

    /**
     * {@code scalar * this}: the tweaks of BOLT 4 (next path key, next packet key, blinded node id).
     *
     * @throws IllegalArgumentException when the scalar is zero or not below the group order
     */
    public PublicKey multiply(byte[] scalar32) {
        return fromCurve(Curves.get().multiply(bytes(), scalar32));
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

    /** The 32-byte x coordinate (BIP-340 x-only key, as BOLT 12 signatures use). */
    public byte[] xOnly() {
        return Arrays.copyOfRange(bytes(), 1, LENGTH);
    }

    /** The 66 lowercase hex digits of the compressed point (the same as {@link #toString()}). */
    public String hex() {
        return toString();
    }

    private static byte[] requirePoint(byte[] bytes) {
        if (bytes.length == LENGTH && RECENT.contains(bytes)) {
            return bytes;
        }
        if (bytes.length != LENGTH || !Curves.get().isValidPoint(bytes)) {
            throw new IllegalArgumentException("not a compressed secp256k1 point");
        }
        RECENT.add(bytes);
        return bytes;
    }
}
