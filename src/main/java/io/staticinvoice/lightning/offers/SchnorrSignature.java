package io.staticinvoice.lightning.offers;

import io.staticinvoice.lightning.codec.FixedBytes;
import io.staticinvoice.lightning.crypto.Curves;
import io.staticinvoice.lightning.crypto.EllipticCurve;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.crypto.PublicKey;
import java.security.SecureRandom;

/**
 * A BIP-340 Schnorr signature ({@code bip340sig}, 64 bytes) as BOLT 12 messages carry it in their
 * {@code signature} field (type 240, BOLT 12 "Signature Calculation"). It signs a 32-byte tagged
 * hash of the message's merkle root ({@link Merkle#signatureDigest}) with the x-only form of the
 * signing key, as rust-lightning's {@code merkle::verify_signature} does.
 */
public final class SchnorrSignature extends FixedBytes {

    /** Length of a signature in bytes. */
    public static final int LENGTH = 64;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Copies the 64 bytes of a signature. */
    public SchnorrSignature(byte[] bytes) {
        super(bytes, LENGTH, "a Schnorr signature");
    }

    /** Signs a 32-byte digest with fresh auxiliary randomness (BIP-340). */
    public static SchnorrSignature sign(byte[] digest, PrivateKey key) {
        byte[] auxiliary = new byte[32];
        RANDOM.nextBytes(auxiliary);
        return new SchnorrSignature(Curves.get().schnorrSign(digest, key.bytes(), auxiliary));
    }

    /** Whether this signature is valid for {@code digest} under {@code key}'s x-only form. */
    public boolean verify(byte[] digest, PublicKey key) {
        return verify(digest, key, Curves.get());
    }

    /** {@link #verify(byte[], PublicKey)} with a given secp256k1 implementation. */
    public boolean verify(byte[] digest, PublicKey key, EllipticCurve curve) {
        return curve.schnorrVerify(bytes(), digest, key.xOnly());
    }
}
