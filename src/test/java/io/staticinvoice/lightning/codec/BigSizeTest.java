package io.staticinvoice.lightning.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** BOLT 1 Appendix A BigSize vectors, copied to {@code vectors/bolt01/}. */
class BigSizeTest {

    static Stream<Arguments> decoding() throws IOException {
        return vectors("bigsize-decoding.json");
    }

    static Stream<Arguments> encoding() throws IOException {
        return vectors("bigsize-encoding.json");
    }

    private static Stream<Arguments> vectors(String file) throws IOException {
        try (InputStream in = BigSizeTest.class.getResourceAsStream("/vectors/bolt01/" + file)) {
            JsonNode root = JsonMapper.builder().build().readTree(in);
            List<Arguments> cases = new ArrayList<>();
            for (JsonNode vector : root) {
                cases.add(Arguments.of(vector.get("name").asString(),
                        vector.get("value").bigIntegerValue().longValue(),
                        vector.get("bytes").asString(),
                        vector.has("exp_error") ? vector.get("exp_error").asString() : null));
            }
            return cases.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decoding")
    void decodesBolt1Vectors(String name, long value, String hex, String expectedError) throws DecodeException {
        ByteReader reader = new ByteReader(Hex.decode(hex));
        if (expectedError == null) {
            assertThat(reader.bigSize()).isEqualTo(value);
            assertThat(reader.hasRemaining()).isFalse();
        } else {
            String expectedReason = expectedError.contains("canonical") ? "non-canonical BigSize" : "truncated";
            assertThatThrownBy(reader::bigSize)
                    .isInstanceOf(DecodeException.class)
                    .hasMessageContaining(expectedReason);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encoding")
    void encodesBolt1Vectors(String name, long value, String hex, String unused) {
        assertThat(Hex.encode(BigSize.encode(value))).isEqualTo(hex);
        assertThat(BigSize.encodedLength(value)).isEqualTo(hex.length() / 2);
        assertThat(Hex.encode(new ByteWriter().bigSize(value).toByteArray())).isEqualTo(hex);
    }

    @Test
    void randomValuesRoundTripAtEveryWidth() throws DecodeException {
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            long value = random.nextLong() >>> random.nextInt(64);
            byte[] encoded = BigSize.encode(value);
            assertThat(encoded).hasSize(BigSize.encodedLength(value));
            ByteReader reader = new ByteReader(encoded);
            assertThat(reader.bigSize()).isEqualTo(value);
            assertThat(reader.remaining()).isZero();
        }
    }
}
