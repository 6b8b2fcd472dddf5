package io.staticinvoice.lightning.crypto;

import fr.acinq.secp256k1.Secp256k1;
import fr.acinq.secp256k1.Secp256k1Exception;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * secp256k1 through libsecp256k1 (the library Bitcoin Core uses), bound by ACINQ's
 * secp256k1-kmp JNI. The binding returns uncompressed points and signals invalid input with
 * {@link Secp256k1Exception}; this class turns those into the {@link EllipticCurve} contract
 * (33-byte compressed points, {@link IllegalArgumentException} or {@code false}).
 */
public final class NativeCurve implements EllipticCurve {

    private final Secp256k1 secp;

    private NativeCurve(Secp256k1 secp) {
        this.secp = secp;
    }

    /**
     * Loads the JNI library for this platform.
     *
     * @throws Exception or {@link LinkageError} when it is not available here
     */
    static NativeCurve load() throws Exception {
        return new NativeCurve(Secp256k1.get());
    }

    @Override
    public boolean isValidPrivateKey(byte[] priv32) {
        return priv32 != null && priv32.length == 32 && secp.secKeyVerify(priv32);
    }

    @Override
    public Optional<byte[]> decompress(byte[] point33) {
        if (!isCompressedEncoding(point33)) {
            return Optional.empty();
        }
        try {
            return Optional.of(secp.pubkeyParse(point33));
        } catch (Secp256k1Exception notOnCurve) {
            return Optional.empty();
        }
    }

    @Override
    public byte[] publicKey(byte[] priv32) {
        return invalidArgumentOnFailure(() -> secp.pubKeyCompress(secp.pubkeyCreate(priv32)));
    }

    @Override
    public byte[] multiply(byte[] point, byte[] scalar32) {
        requirePointEncoding(point);
        return invalidArgumentOnFailure(() -> secp.pubKeyCompress(secp.pubKeyTweakMul(point, scalar32)));
    }

    @Override
    public byte[] ecdh(byte[] point, byte[] scalar32) {
        requirePointEncoding(point);
        return invalidArgumentOnFailure(() -> secp.ecdh(scalar32, point));
    }

    @Override
    public byte[] addPoints(byte[] p33, byte[] q33) {
        requireCompressed(p33);
        requireCompressed(q33);
        return invalidArgumentOnFailure(() -> secp.pubKeyCompress(secp.pubKeyCombine(new byte[][] {p33, q33})));
    }

    @Override
    public byte[] multiplyScalars(byte[] a32, byte[] b32) {
        return invalidArgumentOnFailure(() -> secp.privKeyTweakMul(a32, b32));
    }

    @Override
    public byte[] addScalars(byte[] a32, byte[] b32) {
        return invalidArgumentOnFailure(() -> secp.privKeyTweakAdd(a32, b32));
    }

    @Override
    public byte[] schnorrSign(byte[] msg32, byte[] priv32, byte[] aux32) {
        if (aux32 == null) {
            throw new IllegalArgumentException("aux randomness must be 32 bytes");
        }
        return invalidArgumentOnFailure(() -> secp.signSchnorr(msg32, priv32, aux32));
    }

    @Override
    public boolean schnorrVerify(byte[] sig64, byte[] msg32, byte[] xOnlyPub32) {
        if (sig64.length != 64 || msg32.length != 32 || xOnlyPub32.length != 32) {
            return false;
        }
        try {
            return secp.verifySchnorr(sig64, msg32, xOnlyPub32);
        } catch (Secp256k1Exception invalidKey) {
            return false;
        }
    }

    @Override
    public byte[] ecdsaSign(byte[] msg32, byte[] priv32) {
        return invalidArgumentOnFailure(() -> secp.sign(msg32, priv32));
    }

    @Override
    public boolean ecdsaVerify(byte[] sig64, byte[] msg32, byte[] pub33) {
        if (sig64.length != 64 || msg32.length != 32 || !isCompressedEncoding(pub33)) {
            return false;
        }
        try {
            return secp.verify(sig64, msg32, pub33);
        } catch (Secp256k1Exception invalidKeyOrSignature) {
            return false;
        }
    }

    @Override
    public String name() {
        return "native";
    }

    private static boolean isCompressedEncoding(byte[] point) {
        return point != null && point.length == 33 && (point[0] == 0x02 || point[0] == 0x03);
    }

    /** A compressed point, or an uncompressed one (65 bytes, prefix 04) as {@link #decompress} returns. */
    private static void requirePointEncoding(byte[] point) {
        if (point == null || point.length != 65 || point[0] != 0x04) {
            requireCompressed(point);
        }
    }

    private static void requireCompressed(byte[] point) {
        if (!isCompressedEncoding(point)) {
            throw new IllegalArgumentException("not a 33-byte compressed point");
        }
    }

    private static byte[] invalidArgumentOnFailure(Supplier<byte[]> operation) {
        try {
            return operation.get();
        } catch (Secp256k1Exception e) {
            throw new IllegalArgumentException("secp256k1: " + e.getMessage(), e);
        }
    }
}
