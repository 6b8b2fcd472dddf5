package io.staticinvoice.lightning.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.lightning.testing.TestResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** BOLT 12 string encoding, driven by {@code format-string-test.json}. */
class Bech32Test {

    private static final String REFERENCE =
            "lno1pqps7sjqpgtyzm3qv4uxzmtsd3jjqer9wd3hy6tsw35k7msjzfpy7nz5yqcnygrfdej82um5wf5k2uckyypwa3eyt44h6txtxquqh7lz5djge4afgfjn7k4rgrkuag0jsd5xvxg";

    static Stream<Arguments> formatVectors() {
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode vector : TestResources.json("/vectors/bolt12/format-string-test.json")) {
            cases.add(Arguments.of(vector.get("comment").asString(), vector.get("valid").asBoolean(),
                    vector.get("string").asString()));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("formatVectors")
    void decodesFormatVectors(String comment, boolean valid, String text) throws DecodeException {
        if (valid) {
            Bech32.Bolt12String decoded = Bech32.decode(text);
            assertThat(decoded.hrp()).isEqualTo("lno");
            assertThat(decoded).isEqualTo(Bech32.decode(REFERENCE));
            assertThat(Bech32.encode(decoded.hrp(), decoded.data())).isEqualTo(REFERENCE);
        } else {
            assertThatThrownBy(() -> Bech32.decode(text)).isInstanceOf(DecodeException.class);
        }
    }

    @Test
    void roundTripsRandomBytesUnderEveryPrefix() throws DecodeException {
        Random random = new Random(12);
        for (int length = 0; length < 200; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            for (String hrp : List.of(Bech32.OFFER_HRP, Bech32.INVOICE_REQUEST_HRP, Bech32.INVOICE_HRP)) {
                String encoded = Bech32.encode(hrp, data);
                assertThat(Bech32.decode(encoded, hrp)).isEqualTo(data);
                assertThat(Bech32.decode(encoded.toUpperCase(), hrp)).isEqualTo(data);
            }
        }
    }

    @Test
    void rejectsAnotherPrefix() {
        assertThatThrownBy(() -> Bech32.decode(REFERENCE, Bech32.INVOICE_REQUEST_HRP))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("expected prefix 'lnr'");
    }

    @Test
    void rejectsCharactersOutsideTheAlphabetAndMissingSeparator() {
        assertThatThrownBy(() -> Bech32.decode("lno1qb")).hasMessageContaining("invalid bech32 character");
        assertThatThrownBy(() -> Bech32.decode("lno1pq ps")).hasMessageContaining("invalid bech32 character");
        assertThatThrownBy(() -> Bech32.decode("lnoqpzry")).hasMessageContaining("no '1' separator");
        assertThatThrownBy(() -> Bech32.decode("1qpzry")).hasMessageContaining("empty prefix");
        assertThatThrownBy(() -> Bech32.decode("lno1\u00e9")).hasMessageContaining("invalid bech32 character");
    }

    @Test
    void rejectsPaddingThatIsTooLongOrNotZero() throws DecodeException {
        // one character is five bits: no byte and five padding bits; "qp" is a zero byte, then bits 01.
        assertThatThrownBy(() -> Bech32.decode("lno1q")).hasMessageContaining("padding exceeds 4 bits");
        assertThatThrownBy(() -> Bech32.decode("lno1qp")).hasMessageContaining("padding bits are not zero");
        assertThat(Bech32.decode("lno1")).isEqualTo(new Bech32.Bolt12String("lno", new byte[0]));
    }

    @Test
    void rejectsMisplacedContinuations() {
        assertThatThrownBy(() -> Bech32.decode(" lno1qq+qq")).hasMessageContaining("whitespace before the first '+'");
        assertThatThrownBy(() -> Bech32.decode("lno1qq+ qq q")).hasMessageContaining("whitespace inside");
    }

    @Test
    void onlyEverThrowsDecodeExceptionOnRandomText() {
        Random random = new Random(7);
        String alphabet = "qpzry9x8gf2tvdw0s3jn54khce6mua7lQPZRY1+ \n\tbio\u00e9";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(30);
            for (int j = 0; j < length; j++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            try {
                Bech32.decode(text.toString());
            } catch (DecodeException expected) {
                // the only failure allowed
            }
        }
    }
}
