package io.staticinvoice.lightning.crypto;

import java.util.Optional;

/**
 * All secp256k1 arithmetic the protocol needs, over raw big-endian bytes: 32-byte scalars,
 * 33-byte compressed points (SEC 1; {@link #multiply} and {@link #ecdh} also take the 65-byte
 * uncompressed form that {@link #decompress} returns, which spares them a square root), BIP-340 Schnorr signatures and compact 64-byte ECDSA
 * signatures (r || s, low-S as libsecp256k1 and BOLT 7 expect). Implemented by
 * {@link BouncyCastleCurve} (pure Java) and {@link NativeCurve} (libsecp256k1 via JNI);
 * {@link Curves#get()} picks one.
 *
 * <p>Operations on secret or locally computed values throw {@link IllegalArgumentException}
 * when an input is malformed or a result would be the point at infinity or the zero scalar;
 * validity checks on untrusted input ({@link #isValidPoint}, the verify methods) return
 * {@code false} instead.
 */
public interface EllipticCurve {

    /** Whether {@code priv32} is 32 bytes encoding a scalar in [1, n-1]. */
    boolean isValidPrivateKey(byte[] priv32);

    /** Whether {@code point33} is a 33-byte compressed encoding of a point on the curve. */
    default boolean isValidPoint(byte[] point33) {
        return decompress(point33).isPresent();
    }

    /**
     * The 65-byte uncompressed encoding ({@code 04 || x || y}) of the point {@code point33}
     * encodes, or empty when it is not a 33-byte compressed encoding of a point on the curve.
     */
    Optional<byte[]> decompress(byte[] point33);

    /** The compressed public key {@code priv * G}. */
    byte[] publicKey(byte[] priv32);

    /**
     * The compressed point {@code scalar * point} ({@code point} compressed or uncompressed); the
     * scalar must be in [1, n-1].
     */
    byte[] multiply(byte[] point, byte[] scalar32);

    /**
     * Lightning's ECDH shared secret (BOLT 4, BOLT 8): SHA256 of the compressed point
     * {@code scalar * point} ({@code point} compressed or uncompressed); the scalar must be in [1, n-1].
     */
    byte[] ecdh(byte[] point, byte[] scalar32);

    /** The compressed point {@code p + q}. */
    byte[] addPoints(byte[] p33, byte[] q33);

    /** {@code a * b mod n}; both must be in [1, n-1]. */
    byte[] multiplyScalars(byte[] a32, byte[] b32);

    /** {@code a + b mod n}; {@code a} in [1, n-1], {@code b} in [0, n-1], the sum non-zero. */
    byte[] addScalars(byte[] a32, byte[] b32);

    /** BIP-340 signature of a 32-byte message with auxiliary randomness {@code aux32}. */
    byte[] schnorrSign(byte[] msg32, byte[] priv32, byte[] aux32);

    /** BIP-340 verification of a 64-byte signature over a 32-byte message. */
    boolean schnorrVerify(byte[] sig64, byte[] msg32, byte[] xOnlyPub32);

    /** Deterministic (RFC 6979, HMAC-SHA256) ECDSA over a 32-byte digest: compact r || s, low-S. */
    byte[] ecdsaSign(byte[] msg32, byte[] priv32);

    /** ECDSA verification of a compact signature; high-S signatures are rejected like libsecp256k1 does. */
    boolean ecdsaVerify(byte[] sig64, byte[] msg32, byte[] pub33);

    /** Short name for logs and benchmarks, e.g. {@code native} or {@code bouncycastle}. */
    String name();
}
