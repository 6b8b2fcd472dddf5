package io.staticinvoice.lightning.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Behaviour every {@link EllipticCurve} must have; each implementation's test class extends
 * this with its own instance.
 */
abstract class EllipticCurveContract {

    private static final byte[] N_MINUS_ONE = hex("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140");
    private static final SecureRandom RANDOM = new SecureRandom();

    protected abstract EllipticCurve curve();

    static byte[] hex(String hex) {
        try {
            return Hex.decode(hex);
        } catch (DecodeException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static byte[] random32() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static byte[] xOnly(byte[] point33) {
        return Arrays.copyOfRange(point33, 1, 33);
    }

    @Test
    void schnorrSignaturesVerifyAndBindKeyAndMessage() {
        for (int i = 0; i < 20; i++) {
            byte[] priv = PrivateKey.random().bytes();
            byte[] xOnly = xOnly(curve().publicKey(priv));
            byte[] msg = random32();
            byte[] sig = curve().schnorrSign(msg, priv, random32());
            assertThat(sig).hasSize(64);
            assertThat(curve().schnorrVerify(sig, msg, xOnly)).isTrue();
            byte[] otherMsg = msg.clone();
            otherMsg[0] ^= 1;
            assertThat(curve().schnorrVerify(sig, otherMsg, xOnly)).isFalse();
            byte[] otherKey = xOnly(curve().publicKey(PrivateKey.random().bytes()));
            assertThat(curve().schnorrVerify(sig, msg, otherKey)).isFalse();
            sig[63] ^= 1;
            assertThat(curve().schnorrVerify(sig, msg, xOnly)).isFalse();
        }
    }

    @Test
    void ecdsaSignaturesAreLowSAndVerify() {
        byte[] halfN = hex("7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0");
        for (int i = 0; i < 20; i++) {
            byte[] priv = PrivateKey.random().bytes();
            byte[] pub = curve().publicKey(priv);
            byte[] msg = random32();
            byte[] sig = curve().ecdsaSign(msg, priv);
            assertThat(Arrays.compareUnsigned(sig, 32, 64, halfN, 0, 32)).isLessThanOrEqualTo(0);
            assertThat(curve().ecdsaSign(msg, priv)).as("RFC 6979 is deterministic").isEqualTo(sig);
            assertThat(curve().ecdsaVerify(sig, msg, pub)).isTrue();
            msg[31] ^= 1;
            assertThat(curve().ecdsaVerify(sig, msg, pub)).isFalse();
        }
    }

    @Test
    void rejectsInvalidScalarsAndPoints() {
        byte[] g = curve().publicKey(hex("0000000000000000000000000000000000000000000000000000000000000001"));
        assertThat(Hex.encode(g)).isEqualTo("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
        assertThat(curve().isValidPoint(g)).isTrue();
        assertThat(curve().isValidPoint(hex("02" + "00".repeat(32)))).isFalse();
        assertThat(curve().isValidPoint(hex("04" + Hex.encode(g).substring(2)))).isFalse();
        assertThat(curve().isValidPrivateKey(N_MINUS_ONE)).isTrue();
        assertThat(curve().isValidPrivateKey(new byte[32])).isFalse();
        assertThatThrownBy(() -> curve().multiply(g, new byte[32])).isInstanceOf(IllegalArgumentException.class);
        byte[] minusG = curve().publicKey(N_MINUS_ONE);
        assertThatThrownBy(() -> curve().addPoints(g, minusG)).isInstanceOf(IllegalArgumentException.class);
    }
}
