package io.staticinvoice.lightning.crypto;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.FixedBytes;
import io.staticinvoice.lightning.codec.Hex;
import java.util.Arrays;

/**
 * A secp256k1 public key in its 33-byte compressed SEC 1 form (BOLT 1 {@code point}), always
 * a valid point on the curve: node ids, blinding points, ephemeral keys, signing keys. Bytes from
 * outside are checked to be on the curve (a square root, about 5 µs), unless they were checked
 * lately ({@link RecentPoints}), and keep the uncompressed form the check computes, so that the
 * point multiplications on them need no square root of their own; points our own curve operations produce ({@link #multiply},
 * {@link PrivateKey#publicKey()}) are valid by construction and not checked again.
 */
public final class PublicKey extends FixedBytes {

    /** Size of the compressed encoding. */
    public static final int LENGTH = 33;

    private static final RecentPoints RECENT = new RecentPoints();

    /**
     * The uncompressed form, when this key was checked on the curve (which computes it): point
     * multiplications take it instead of the compressed one, saving their own square root.
     */
    private final byte[] uncompressed;

    /** Validates; throws {@link IllegalArgumentException} when not a compressed curve point. */
    public PublicKey(byte[] bytes) {
        this(bytes, requirePoint(bytes));
    }

    private PublicKey(byte[] point33, byte[] uncompressed) {
        super(point33, LENGTH, "a compressed public key");
        this.uncompressed = uncompressed;
    }

    /** A compressed point that {@link Curves#get()} just returned, which it guarantees valid. */
    static PublicKey fromCurve(byte[] point33) {
        if (point33.length != LENGTH) {
            throw new IllegalStateException("the curve returned a " + point33.length + "-byte point");
        }
        return new PublicKey(point33, null);
    }

    /**
     * {@code scalar * this}: the tweaks of BOLT 4 (next path key, next packet key, blinded node id).
     *
     * @throws IllegalArgumentException when the scalar is zero or not below the group order
     */
    public PublicKey multiply(byte[] scalar32) {
        return fromCurve(Curves.get().multiply(curveForm(), scalar32));
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

    /** The encoding point multiplications take: uncompressed when known, else compressed. */
    byte[] curveForm() {
        return uncompressed != null ? uncompressed : bytes();
    }

    /** Checks the point (unless checked lately) and returns its uncompressed form. */
    private static byte[] requirePoint(byte[] bytes) {
        byte[] known = bytes.length == LENGTH ? RECENT.uncompressed(bytes) : null;
        if (known != null) {
            return known;
        }
        byte[] uncompressed = bytes.length == LENGTH ? Curves.get().decompress(bytes).orElse(null) : null;
        if (uncompressed == null) {
            throw new IllegalArgumentException("not a compressed secp256k1 point");
        }
        RECENT.add(bytes, uncompressed);
        return uncompressed;
    }
}
