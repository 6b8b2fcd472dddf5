package io.staticinvoice.lightning.onion;

import static org.assertj.core.api.Assertions.assertThat;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.crypto.PrivateKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test access to the copied data files: the BOLT 4 JSON vectors under {@code vectors/bolt04} and
 * the real LDK 0.2.5 captures under {@code fixtures/ldk-0.2.5}, with the capture nodes' keys.
 */
public final class LdkFixtures {

    private static final BigInteger CURVE_ORDER =
            new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

    private LdkFixtures() {
    }

    /** The three capture nodes and the constant seed byte their LDK {@code KeysManager} was built from. */
    public enum Role {
        SERVER(1), RECIPIENT(2), PAYER(3);

        private final int seedByte;

        Role(int seedByte) {
            this.seedByte = seedByte;
        }

        public String fileName() {
            return name().toLowerCase();
        }

        /** The node secret from {@code raw/<role>-node-secret.hex}. */
        public PrivateKey nodeKey() {
            return PrivateKey.of(hex("fixtures/ldk-0.2.5/raw/" + fileName() + "-node-secret.hex"));
        }

        /**
         * LDK's {@code ReceiveAuthKey} of this node: the captures do not include it, but the
         * harness used a constant seed {@code [n; 32]}, and LDK's {@code KeysManager::new} derives
         * the node secret as BIP 32 {@code m/0'} and the receive auth key as {@code m/7'}. The
         * derived node secret is checked against the fixture, so a wrong seed fails loudly.
         */
        public ReceiveAuthKey receiveAuthKey() {
            byte[] seed = new byte[32];
            Arrays.fill(seed, (byte) seedByte);
            byte[] master = hmacSha512("Bitcoin seed".getBytes(StandardCharsets.US_ASCII), seed);
            assertThat(hardenedChild(master, 0)).as("node secret of %s from seed", this)
                    .isEqualTo(nodeKey().bytes());
            return new ReceiveAuthKey(hardenedChild(master, 7));
        }
    }

    /** BIP 32 hardened private child {@code index'} of a master key (key || chain code). */
    private static byte[] hardenedChild(byte[] master, int index) {
        byte[] key = Arrays.copyOfRange(master, 0, 32);
        byte[] chainCode = Arrays.copyOfRange(master, 32, 64);
        byte[] data = new byte[37];
        System.arraycopy(key, 0, data, 1, 32);
        int hardened = index | 0x80000000;
        for (int i = 0; i < 4; i++) {
            data[33 + i] = (byte) (hardened >>> (24 - 8 * i));
        }
        byte[] derived = hmacSha512(chainCode, data);
        BigInteger child = new BigInteger(1, Arrays.copyOf(derived, 32)).add(new BigInteger(1, key)).mod(CURVE_ORDER);
        byte[] out = new byte[32];
        byte[] raw = child.toByteArray();
        int length = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - length, out, 32 - length, length);
        return out;
    }

    private static byte[] hmacSha512(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(key, "HmacSHA512"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bytes of a hex file on the test classpath. */
    public static byte[] hex(String resource) {
        try {
            return Hex.decode(text(resource));
        } catch (DecodeException e) {
            throw new IllegalStateException(resource + ": " + e.getMessage(), e);
        }
    }

    /** Hex of a JSON text node. */
    public static byte[] hex(JsonNode node) {
        try {
            return Hex.decode(node.asString());
        } catch (DecodeException e) {
            throw new IllegalStateException(node + ": " + e.getMessage(), e);
        }
    }

    public static String text(String resource) {
        try (InputStream in = LdkFixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String resource) {
        return JsonMapper.builder().build().readTree(text(resource));
    }

    /** A private key from hex. */
    public static PrivateKey privateKey(JsonNode node) {
        return PrivateKey.of(hex(node));
    }
}
