package io.staticinvoice.lightning.offers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.codec.TlvStream;
import io.staticinvoice.lightning.wire.Features;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Field value decoding: exact consumption, minimal truncated integers, strict UTF-8, features. */
class TlvValuesTest {

    @Test
    void readsTruncatedIntegersMinimally() throws DecodeException {
        assertThat(TlvValues.tu64(stream(8, ""), 8, "f")).hasValue(0);
        assertThat(TlvValues.tu64(stream(8, "ffffffffffffffff"), 8, "f")).hasValue(-1L);
        assertThat(TlvValues.tu64(stream(8, "2710"), 9, "f")).isEmpty();
        assertThatThrownBy(() -> TlvValues.tu64(stream(8, "0001"), 8, "amount"))
                .hasMessageStartingWith("amount: non-minimal");
        assertThatThrownBy(() -> TlvValues.tu64(stream(8, "010000000000000000"), 8, "amount"))
                .hasMessageStartingWith("amount: tu64 length 9");
        assertThatThrownBy(() -> TlvValues.tu32(stream(8, "0100000000"), 8, "expiry"))
                .hasMessageStartingWith("expiry: tu32 length 5");
    }

    @Test
    void requiresValuesToBeConsumedExactly() throws DecodeException {
        assertThatThrownBy(() -> TlvValues.optional(stream(6, "55534444"), 6, "currency", reader -> reader.bytes(3)))
                .hasMessage("currency: 1 unexpected trailing bytes");
    }

    @Test
    void acceptsOnlyWellFormedUtf8() throws DecodeException {
        assertThat(TlvValues.strictUtf8("é⚡".getBytes(StandardCharsets.UTF_8))).isEqualTo("é⚡");
        for (String bad : List.of("c3", "c0af", "eda080", "f4908080", "ff")) { // truncated, overlong, surrogate, > U+10FFFF
            assertThatThrownBy(() -> TlvValues.strictUtf8(Hex.decode(bad))).hasMessage("invalid UTF-8");
        }
    }

    @Test
    void rejectsUnknownRequiredFeaturesOnly() throws DecodeException {
        Features known = Features.empty().withBit(17);
        assertThat(TlvValues.features(stream(12, "030000"), 12, "f", known).isSet(16)).isTrue();
        assertThat(TlvValues.features(stream(12, "080000"), 12, "f", known).isSet(19)).isTrue();
        assertThatThrownBy(() -> TlvValues.features(stream(12, "040000"), 12, "f", known))
                .hasMessage("f: unknown required feature bits [18]");
        assertThat(TlvValues.features(stream(14, ""), 12, "f", known)).isEqualTo(Features.empty());
    }

    private static TlvStream stream(long type, String hex) throws DecodeException {
        return new TlvStream(List.of(new TlvRecord(type, Hex.decode(hex))));
    }
}
