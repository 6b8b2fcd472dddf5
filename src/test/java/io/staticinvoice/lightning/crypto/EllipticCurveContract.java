package io.staticinvoice.lightning.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import java.security.SecureRandom;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigInteger;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Behaviour every {@link EllipticCurve} must have; each implementation's test class extends
 * this with its own instance.
 */
abstract class EllipticCurveContract {

    private static final byte[] N_MINUS_ONE = hex("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140");
    private static final BigInteger ORDER = new BigInteger(1, hex("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"));
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

    /** n - s for a scalar s in [1, n-1]. */
    private static byte[] negate(byte[] s) {
        String negated = ORDER.subtract(new BigInteger(1, s)).toString(16);
        return hex("0".repeat(64 - negated.length()) + negated);
    }

    static byte[] xOnly(byte[] point33) {
        return Arrays.copyOfRange(point33, 1, 33);
    }

    /**
     * BIP-340's {@code test-vectors.csv} (copied to {@code vectors/bip340/}). Rows whose message
     * is not 32 bytes (added to the BIP with variable-length messages) are outside this
     * interface, whose messages are always 32-byte digests, and are left out.
     */
    static Stream<Arguments> bip340Vectors() throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                EllipticCurveContract.class.getResourceAsStream("/vectors/bip340/test-vectors.csv"),
                StandardCharsets.US_ASCII))) {
            List<String> rows = in.lines().skip(1).map(String::strip).filter(row -> !row.isEmpty()).toList();
            return rows.stream()
                    .map(row -> row.split(",", -1))
                    .filter(fields -> fields[4].length() == 64)
                    .map(fields -> Arguments.of(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5],
                            Boolean.parseBoolean(fields[6].toLowerCase()), fields[7]))
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "BIP-340 vector {0} {7}")
    @MethodSource("bip340Vectors")
    void matchesBip340Vectors(String index, String secretKey, String publicKey, String auxRand, String message,
            String signature, boolean valid, String comment) {
        byte[] msg = hex(message);
        byte[] sig = hex(signature);
        if (!secretKey.isEmpty()) {
            byte[] priv = hex(secretKey);
            assertThat(xOnly(curve().publicKey(priv))).isEqualTo(hex(publicKey));
            assertThat(Hex.encode(curve().schnorrSign(msg, priv, hex(auxRand)))).isEqualToIgnoringCase(signature);
        }
        assertThat(curve().schnorrVerify(sig, msg, hex(publicKey))).isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvFileSource(resources = "/vectors/bolt08/ecdh.csv", numLinesToSkip = 1)
    void ecdhMatchesBolt8SharedSecrets(String priv, String point, String sharedSecret) {
        assertThat(Hex.encode(curve().ecdh(hex(point), hex(priv)))).isEqualTo(sharedSecret);
        assertThat(Hex.encode(Sha256.hash(curve().multiply(hex(point), hex(priv))))).isEqualTo(sharedSecret);
    }

    @Test
    void scalarAndPointArithmeticAgree() {
        for (int i = 0; i < 20; i++) {
            byte[] a = PrivateKey.random().bytes();
            byte[] b = PrivateKey.random().bytes();
            byte[] aG = curve().publicKey(a);
            byte[] bG = curve().publicKey(b);
            assertThat(curve().multiply(aG, b)).isEqualTo(curve().publicKey(curve().multiplyScalars(a, b)));
            assertThat(curve().addPoints(aG, bG)).isEqualTo(curve().publicKey(curve().addScalars(a, b)));
            assertThat(curve().ecdh(aG, b)).isEqualTo(curve().ecdh(bG, a));
        }
    }

    @Test
    void theUncompressedFormServesMultiplicationsLikeTheCompressedOne() {
        byte[] a = PrivateKey.random().bytes();
        byte[] b = PrivateKey.random().bytes();
        byte[] aG = curve().publicKey(a);
        byte[] uncompressed = curve().decompress(aG).orElseThrow();

        assertThat(uncompressed).hasSize(65).startsWith((byte) 4);
        assertThat(Arrays.copyOfRange(uncompressed, 1, 33)).isEqualTo(Arrays.copyOfRange(aG, 1, 33));
        assertThat(curve().multiply(uncompressed, b)).isEqualTo(curve().multiply(aG, b));
        assertThat(curve().ecdh(uncompressed, b)).isEqualTo(curve().ecdh(aG, b));
        assertThat(curve().decompress(uncompressed)).as("only compressed input").isEmpty();
        assertThat(curve().decompress(hex("02" + "00".repeat(32)))).isEmpty();
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
        assertThatThrownBy(() -> curve().addScalars(N_MINUS_ONE, hex("00".repeat(31) + "01")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> curve().multiply(hex("02" + "00".repeat(32)), N_MINUS_ONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> curve().publicKey(new byte[32])).isInstanceOf(IllegalArgumentException.class);
        byte[] lowS = curve().ecdsaSign(new byte[32], N_MINUS_ONE);
        byte[] highS = Arrays.copyOf(lowS, 64);
        System.arraycopy(negate(Arrays.copyOfRange(lowS, 32, 64)), 0, highS, 32, 32);
        assertThat(curve().ecdsaVerify(lowS, new byte[32], minusG)).isTrue();
        assertThat(curve().ecdsaVerify(highS, new byte[32], minusG)).as("high-S is rejected").isFalse();
        assertThat(curve().schnorrVerify(new byte[64], new byte[32], new byte[32])).isFalse();
    }
}
