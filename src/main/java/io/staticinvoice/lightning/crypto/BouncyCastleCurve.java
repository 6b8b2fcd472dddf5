package io.staticinvoice.lightning.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

/**
 * Pure-Java secp256k1 on Bouncy Castle's custom {@code SecP256K1Curve} (specialised field
 * arithmetic, GLV endomorphism for variable-point multiplication, a precomputed comb for the
 * generator). BIP-340 Schnorr is implemented here directly from the BIP's reference algorithm;
 * ECDSA uses Bouncy Castle's signer with RFC 6979 nonces, normalised to low-S.
 *
 * <p>The fallback when libsecp256k1 does not load ({@link Curves}). Multiples of G with secret
 * scalars use the constant-time comb, but variable-point multiplication ({@link #multiply},
 * {@link #ecdh}) uses Bouncy Castle's wNAF/GLV multiplier, which is not constant-time.
 */
public final class BouncyCastleCurve implements EllipticCurve {

    private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
    private static final ECCurve CURVE = PARAMS.getCurve();
    private static final ECPoint G = PARAMS.getG();
    private static final BigInteger N = PARAMS.getN();
    private static final BigInteger HALF_N = N.shiftRight(1);
    private static final BigInteger FIELD_P = CURVE.getField().getCharacteristic();
    private static final ECDomainParameters DOMAIN = new ECDomainParameters(CURVE, G, N, PARAMS.getH());
    private static final byte[] TAG_AUX = "BIP0340/aux".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAG_NONCE = "BIP0340/nonce".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAG_CHALLENGE = "BIP0340/challenge".getBytes(StandardCharsets.US_ASCII);

    private final FixedPointCombMultiplier baseMultiplier = new FixedPointCombMultiplier();

    @Override
    public boolean isValidPrivateKey(byte[] priv32) {
        if (priv32 == null || priv32.length != 32) {
            return false;
        }
        BigInteger k = new BigInteger(1, priv32);
        return k.signum() > 0 && k.compareTo(N) < 0;
    }

    @Override
    public Optional<byte[]> decompress(byte[] point33) {
        return Optional.ofNullable(decodeOrNull(point33)).map(point -> point.getEncoded(false));
    }

    @Override
    public byte[] publicKey(byte[] priv32) {
        return baseMultiply(secretScalar(priv32, "private key")).getEncoded(true);
    }

    @Override
    public byte[] multiply(byte[] point, byte[] scalar32) {
        BigInteger k = secretScalar(scalar32, "scalar");
        return decodeAnyForm(point).multiply(k).getEncoded(true);
    }

    @Override
    public byte[] ecdh(byte[] point, byte[] scalar32) {
        return Sha256.hash(multiply(point, scalar32));
    }

    @Override
    public byte[] addPoints(byte[] p33, byte[] q33) {
        ECPoint sum = decode(p33).add(decode(q33));
        if (sum.isInfinity()) {
            throw new IllegalArgumentException("sum of points is the point at infinity");
        }
        return sum.getEncoded(true);
    }

    @Override
    public byte[] multiplyScalars(byte[] a32, byte[] b32) {
        BigInteger product = secretScalar(a32, "scalar a").multiply(secretScalar(b32, "scalar b")).mod(N);
        return toBytes32(product);
    }

    @Override
    public byte[] addScalars(byte[] a32, byte[] b32) {
        BigInteger b = scalarBelowOrder(b32, "scalar b");
        BigInteger sum = secretScalar(a32, "scalar a").add(b).mod(N);
        if (sum.signum() == 0) {
            throw new IllegalArgumentException("sum of scalars is zero");
        }
        return toBytes32(sum);
    }

    @Override
    public byte[] schnorrSign(byte[] msg32, byte[] priv32, byte[] aux32) {
        requireLength(msg32, 32, "message");
        requireLength(aux32, 32, "aux randomness");
        BigInteger secret = secretScalar(priv32, "private key");
        ECPoint pub = baseMultiply(secret);
        BigInteger d = hasOddY(pub) ? N.subtract(secret) : secret;
        byte[] px = pub.getAffineXCoord().getEncoded();
        byte[] masked = xor(toBytes32(d), Sha256.tagged(TAG_AUX, aux32));
        BigInteger k0 = new BigInteger(1, Sha256.tagged(TAG_NONCE, masked, px, msg32)).mod(N);
        if (k0.signum() == 0) {
            throw new IllegalStateException("BIP-340 nonce is zero");
        }
        ECPoint r = baseMultiply(k0);
        BigInteger k = hasOddY(r) ? N.subtract(k0) : k0;
        byte[] rx = r.getAffineXCoord().getEncoded();
        BigInteger e = challenge(rx, px, msg32);
        byte[] sig = Arrays.copyOf(rx, 64);
        System.arraycopy(toBytes32(k.add(e.multiply(d)).mod(N)), 0, sig, 32, 32);
        return sig;
    }

    @Override
    public boolean schnorrVerify(byte[] sig64, byte[] msg32, byte[] xOnlyPub32) {
        if (sig64.length != 64 || msg32.length != 32 || xOnlyPub32.length != 32) {
            return false;
        }
        ECPoint pub = liftX(xOnlyPub32);
        byte[] rx = Arrays.copyOf(sig64, 32);
        BigInteger r = new BigInteger(1, rx);
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig64, 32, 64));
        if (pub == null || r.compareTo(FIELD_P) >= 0 || s.compareTo(N) >= 0) {
            return false;
        }
        BigInteger minusE = N.subtract(challenge(rx, xOnlyPub32, msg32)).mod(N);
        ECPoint point = ECAlgorithms.sumOfTwoMultiplies(G, s, pub, minusE).normalize();
        return !point.isInfinity() && !hasOddY(point) && point.getAffineXCoord().toBigInteger().equals(r);
    }

    @Override
    public byte[] ecdsaSign(byte[] msg32, byte[] priv32) {
        requireLength(msg32, 32, "message digest");
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(secretScalar(priv32, "private key"), DOMAIN));
        BigInteger[] rs = signer.generateSignature(msg32);
        BigInteger s = rs[1].compareTo(HALF_N) > 0 ? N.subtract(rs[1]) : rs[1];
        byte[] sig = Arrays.copyOf(toBytes32(rs[0]), 64);
        System.arraycopy(toBytes32(s), 0, sig, 32, 32);
        return sig;
    }

    @Override
    public boolean ecdsaVerify(byte[] sig64, byte[] msg32, byte[] pub33) {
        if (sig64.length != 64 || msg32.length != 32) {
            return false;
        }
        ECPoint pub = decodeOrNull(pub33);
        BigInteger r = new BigInteger(1, Arrays.copyOf(sig64, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig64, 32, 64));
        if (pub == null || s.compareTo(HALF_N) > 0) {
            return false;
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, new ECPublicKeyParameters(pub, DOMAIN));
        return verifier.verifySignature(msg32, r, s);
    }

    @Override
    public String name() {
        return "bouncycastle";
    }

    private ECPoint baseMultiply(BigInteger k) {
        return baseMultiplier.multiply(G, k).normalize();
    }

    private static BigInteger challenge(byte[] rx, byte[] px, byte[] msg32) {
        return new BigInteger(1, Sha256.tagged(TAG_CHALLENGE, rx, px, msg32)).mod(N);
    }

    private static boolean hasOddY(ECPoint normalized) {
        return normalized.getAffineYCoord().testBitZero();
    }

    /** BIP-340 lift_x: the point with even y and this x, or null when there is none. */
    private static ECPoint liftX(byte[] x32) {
        byte[] compressed = new byte[33];
        compressed[0] = 0x02;
        System.arraycopy(x32, 0, compressed, 1, 32);
        return decodeOrNull(compressed);
    }

    private static ECPoint decode(byte[] point33) {
        ECPoint point = decodeOrNull(point33);
        if (point == null) {
            throw new IllegalArgumentException("not a compressed secp256k1 point");
        }
        return point;
    }

    /** A compressed point, or an uncompressed one as {@link #decompress} returns. */
    private static ECPoint decodeAnyForm(byte[] point) {
        if (point != null && point.length == 65 && point[0] == 0x04) {
            try {
                return CURVE.decodePoint(point);
            } catch (IllegalArgumentException notOnCurve) {
                throw new IllegalArgumentException("not a secp256k1 point", notOnCurve);
            }
        }
        return decode(point);
    }

    private static ECPoint decodeOrNull(byte[] point33) {
        if (point33 == null || point33.length != 33 || (point33[0] != 0x02 && point33[0] != 0x03)) {
            return null;
        }
        try {
            return CURVE.decodePoint(point33);
        } catch (IllegalArgumentException notOnCurve) {
            return null;
        }
    }

    private BigInteger secretScalar(byte[] bytes32, String what) {
        if (!isValidPrivateKey(bytes32)) {
            throw new IllegalArgumentException(what + " is not a 32-byte scalar in [1, n-1]");
        }
        return new BigInteger(1, bytes32);
    }

    private static BigInteger scalarBelowOrder(byte[] bytes32, String what) {
        requireLength(bytes32, 32, what);
        BigInteger k = new BigInteger(1, bytes32);
        if (k.compareTo(N) >= 0) {
            throw new IllegalArgumentException(what + " is not below the group order");
        }
        return k;
    }

    private static void requireLength(byte[] bytes, int length, String what) {
        if (bytes == null || bytes.length != length) {
            throw new IllegalArgumentException(what + " must be " + length + " bytes");
        }
    }

    private static byte[] toBytes32(BigInteger value) {
        return BigIntegers.asUnsignedByteArray(32, value);
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }
}
