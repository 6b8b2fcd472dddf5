package io.staticinvoice.lightning.testing;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the vector and fixture files copied under {@code src/test/resources} (BOLT 12 JSON
 * vectors in {@code vectors/bolt12/}, LDK 0.2.5 captures in {@code fixtures/ldk-0.2.5/}).
 */
public final class TestResources {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestResources() {
    }

    /** A resource as UTF-8 text. */
    public static String text(String path) {
        try (InputStream in = TestResources.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A resource holding one hex string. */
    public static byte[] hex(String path) {
        try {
            return Hex.decode(text(path));
        } catch (DecodeException e) {
            throw new IllegalArgumentException("test resource " + path + " is not hex", e);
        }
    }

    /** A resource holding JSON. */
    public static JsonNode json(String path) {
        return JSON.readTree(text(path));
    }

    /** An LDK 0.2.5 capture file, e.g. {@code raw/recipient-offer-bytes.hex}. */
    public static byte[] ldkHex(String name) {
        return hex("/fixtures/ldk-0.2.5/" + name);
    }
}
