package io.staticinvoice.lightning.transport;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads Appendix A of BOLT 8 ({@code vectors/bolt08/transport-test-vectors.md}, copied from
 * 08-transport.md) into named cases: the keys given up front and the ordered input/output lines.
 */
final class Bolt8TestVectors {

    /** One {@code input:} or {@code output...:} line of a case, in file order. */
    record Line(String key, String value) {
        boolean isInput() {
            return key.equals("input");
        }

        boolean isError() {
            return value.startsWith("ERROR");
        }

        byte[] bytes() {
            return hex(value);
        }
    }

    /** A named case: its parameters (keys, nonces) and its input/output lines. */
    record Case(String name, Map<String, String> params, List<Line> lines) {
        byte[] param(String key) {
            String value = params.get(key);
            if (value == null) {
                throw new IllegalArgumentException(name + " has no " + key);
            }
            return hex(value);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final Pattern ENTRY = Pattern.compile("^([a-z][a-z0-9.,]*(?: \\d+)?)\\s*[:=]\\s*(.+)$");

    private Bolt8TestVectors() {
    }

    static List<Case> cases(String namePrefix) {
        List<Case> cases = new ArrayList<>();
        String name = null;
        Map<String, String> params = null;
        List<Line> lines = null;
        for (String raw : read().split("\n")) {
            String line = raw.strip();
            Matcher m = ENTRY.matcher(line);
            if (line.startsWith("#") || !m.matches()) {
                continue;
            }
            String key = m.group(1);
            String value = m.group(2).strip();
            if (key.equals("name")) {
                if (name != null && name.startsWith(namePrefix)) {
                    cases.add(new Case(name, params, lines));
                }
                name = value;
                params = new LinkedHashMap<>();
                lines = new ArrayList<>();
            } else if (name != null && (key.equals("input") || key.startsWith("output"))) {
                lines.add(new Line(key, value));
            } else if (name != null) {
                params.put(key, value);
            }
        }
        if (name != null && name.startsWith(namePrefix)) {
            cases.add(new Case(name, params, lines));
        }
        if (cases.isEmpty()) {
            throw new IllegalStateException("no BOLT 8 vector named " + namePrefix + "*");
        }
        return cases;
    }

    /**
     * Checks that {@code cipher} encrypts with {@code sendingKey} and decrypts with
     * {@code receivingKey}, by comparing one message each way with a cipher built from them.
     */
    static void assertSessionKeys(TransportCipher cipher, byte[] sendingKey, byte[] receivingKey) throws DecodeException {
        byte[] message = "hello".getBytes(StandardCharsets.US_ASCII);
        TransportCipher expected = new TransportCipher(new byte[32], sendingKey, receivingKey);
        TransportCipher peer = new TransportCipher(new byte[32], receivingKey, sendingKey);
        assertThat(cipher.encrypt(message)).isEqualTo(expected.encrypt(message));
        byte[] fromPeer = peer.encrypt(message);
        int length = cipher.decryptLength(Arrays.copyOfRange(fromPeer, 0, TransportCipher.LENGTH_HEADER_LENGTH));
        assertThat(length).isEqualTo(message.length);
        assertThat(cipher.decryptMessage(
                Arrays.copyOfRange(fromPeer, TransportCipher.LENGTH_HEADER_LENGTH, fromPeer.length))).isEqualTo(message);
    }

    /** Splits an {@code a,b=0x..,0x..} output line into its two keys. */
    static byte[][] keyPair(String value) {
        String[] keys = value.substring(value.indexOf('=') + 1).split(",");
        return new byte[][] {hex(keys[0].strip()), hex(keys[1].strip())};
    }

    static byte[] hex(String value) {
        try {
            return Hex.decode(value.startsWith("0x") ? value.substring(2) : value);
        } catch (DecodeException e) {
            throw new IllegalArgumentException("bad hex in BOLT 8 vectors: " + value, e);
        }
    }

    private static String read() {
        try (InputStream in = Bolt8TestVectors.class.getResourceAsStream("/vectors/bolt08/transport-test-vectors.md")) {
            if (in == null) {
                throw new IllegalStateException("missing vectors/bolt08/transport-test-vectors.md");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
