package io.staticinvoice.lightning.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The stream-level rules of BOLT 1 Appendix B (namespaces n1 and n2). */
class TlvStreamTest {

    private static final LongPredicate N1 = Set.of(1L, 2L, 3L, 254L)::contains;
    private static final LongPredicate N2 = Set.of(0L, 11L)::contains;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "fd | truncated",
        "fd01 | truncated",
        "fd000100 | non-canonical BigSize",
        "fd0101 | truncated",
        "0ffd | truncated",
        "0ffd26 | truncated",
        "0ffd2602 | exceeds remaining",
        "0ffd000100 | non-canonical BigSize",
        "1200 | unknown even TLV type 18",
        "fd010200 | unknown even TLV type 258",
        "fe0100000200 | unknown even TLV type 16777218",
        "ff010000000000000200 | unknown even TLV type 72057594037927938",
    })
    void rejectsInvalidStreamsInEitherNamespace(String hex, String reason) throws DecodeException {
        byte[] bytes = Hex.decode(hex);
        for (LongPredicate namespace : List.of(N1, N2)) {
            assertThatThrownBy(() -> TlvStream.decode(bytes, namespace))
                    .isInstanceOf(DecodeException.class)
                    .hasMessageContaining(reason);
        }
    }

    @Test
    void rejectsValueLongerThanTheStreamBeforeAllocating() throws DecodeException {
        byte[] bytes = Hex.decode("0ffd0201" + "00".repeat(0x0200));
        assertThatThrownBy(() -> TlvStream.decode(bytes, N1)).hasMessageContaining("exceeds remaining 512 bytes");
        byte[] huge = Hex.decode("0fffffffffffffffffff00");
        assertThatThrownBy(() -> TlvStream.decode(huge, N1))
                .hasMessageContaining("length 18446744073709551615 exceeds remaining 1 bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2100", "fd020100", "fd00fd00", "fd00ff00", "fe0200000100", "ff020000000000000100"})
    void keepsUnknownOddRecordsAndWritesThemBackUnchanged(String hex) throws DecodeException {
        for (LongPredicate namespace : List.of(N1, N2)) {
            TlvStream stream = TlvStream.decode(Hex.decode(hex), namespace);
            assertThat(stream.records()).allMatch(TlvRecord::isOdd);
            assertThat(Hex.encode(stream.encode())).isEqualTo(hex);
        }
    }

    @Test
    void decodesKnownRecordsOfN1() throws DecodeException {
        TlvStream stream = TlvStream.decode(Hex.decode(
                "02080000000000000226" + "0331" + "023da092f6980e58d2c037173180e9a465476026ee50f96695963e8efe436f54eb"
                        + "00000000000000010000000000000002" + "fd00fe020226"), N1);
        assertThat(stream.records()).extracting(TlvRecord::type).containsExactly(2L, 3L, 254L);
        assertThat(stream.find(254).orElseThrow().reader().u16()).isEqualTo(550);
        assertThat(stream.find(3).orElseThrow().length()).isEqualTo(0x31);
        assertThat(stream.find(1)).isEmpty();
    }

    @Test
    void n1RejectsUnknownEvenZero() throws DecodeException {
        assertThatThrownBy(() -> TlvStream.decode(Hex.decode("0000"), N1)).hasMessage("unknown even TLV type 0");
        assertThat(TlvStream.decode(Hex.decode("0000"), N2).records()).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "02080000000000000226 01012a | not increasing: 1 after 2",
        "02080000000000000231 02080000000000000451 | duplicate TLV type 2",
        "1f00 0f012a | not increasing: 15 after 31",
        "1f00 1f012a | duplicate TLV type 31",
    })
    void n1RejectsMisorderedAndDuplicateRecords(String hex, String reason) throws DecodeException {
        byte[] bytes = Hex.decode(hex.replace(" ", ""));
        assertThatThrownBy(() -> TlvStream.decode(bytes, N1)).hasMessageContaining(reason);
    }

    @Test
    void n2ComparesTypesAsUnsigned() throws DecodeException {
        assertThatThrownBy(() -> TlvStream.decode(Hex.decode("ffffffffffffffffff000000"), N2))
                .hasMessage("TLV types not increasing: 0 after 18446744073709551615");
    }

    @Test
    void builderSortsByUnsignedTypeAndRejectsDuplicates() {
        TlvStream stream = TlvStream.builder().add(-1L, new byte[] {1}).add(11, new byte[0]).add(0, new byte[] {2})
                .build();
        assertThat(stream.records()).extracting(TlvRecord::type).containsExactly(0L, 11L, -1L);
        assertThat(Hex.encode(stream.encode())).isEqualTo("000102" + "0b00" + "ffffffffffffffffff0101");
        assertThatThrownBy(() -> TlvStream.builder().add(3, new byte[0]).add(3, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TlvStream(List.of(new TlvRecord(5, new byte[0]), new TlvRecord(4, new byte[0]))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomStreamsRoundTrip() throws DecodeException {
        Random random = new Random(3);
        for (int i = 0; i < 1_000; i++) {
            TlvStream.Builder builder = TlvStream.builder();
            Set<Long> used = new HashSet<>();
            for (int r = random.nextInt(8); r > 0; r--) {
                long type = random.nextLong() >>> random.nextInt(64);
                byte[] value = new byte[random.nextInt(300)];
                random.nextBytes(value);
                if (used.add(type)) {
                    builder.add(type, value);
                }
            }
            TlvStream stream = builder.build();
            assertThat(TlvStream.decode(stream.encode(), type -> true)).isEqualTo(stream);
        }
    }

    @Test
    void randomBytesOnlyEverFailWithDecodeException() {
        Random random = new Random(13);
        int decoded = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            try {
                TlvStream stream = TlvStream.decode(bytes, N1);
                assertThat(stream.encode()).isEqualTo(bytes);
                decoded++;
            } catch (DecodeException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
        assertThat(decoded).isPositive();
    }
}
