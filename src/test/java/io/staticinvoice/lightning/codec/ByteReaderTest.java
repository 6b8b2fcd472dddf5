package io.staticinvoice.lightning.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteReaderTest {

    @Test
    void readsFixedWidthBigEndianIntegers() throws DecodeException {
        ByteReader reader = new ByteReader(Hex.decode("ff" + "fffe" + "fffffffd" + "fffffffffffffffc" + "0102"));
        assertThat(reader.u8()).isEqualTo(0xff);
        assertThat(reader.u16()).isEqualTo(0xfffe);
        assertThat(reader.u32()).isEqualTo(0xfffffffdL);
        assertThat(reader.u64()).isEqualTo(-4L);
        assertThat(reader.remaining()).isEqualTo(2);
        assertThat(reader.rest()).containsExactly(1, 2);
        assertThat(reader.hasRemaining()).isFalse();
    }

    @Test
    void shortReadsNameTheShortfall() throws DecodeException {
        ByteReader reader = new ByteReader(Hex.decode("010203"));
        assertThatThrownBy(reader::u32).isInstanceOf(DecodeException.class)
                .hasMessage("truncated: need 4 bytes, have 3");
        assertThatThrownBy(() -> reader.bytes(4)).hasMessage("truncated: need 4 bytes, have 3");
        assertThatThrownBy(() -> reader.bytes(-1)).isInstanceOf(DecodeException.class);
        assertThat(reader.bytes(3)).containsExactly(1, 2, 3);
        assertThatThrownBy(reader::u8).isInstanceOf(DecodeException.class);
    }

    @Test
    void readsOnlyItsSlice() throws DecodeException {
        byte[] data = Hex.decode("aabbccdd");
        ByteReader reader = new ByteReader(data, 1, 2);
        assertThat(reader.u16()).isEqualTo(0xbbcc);
        assertThatThrownBy(reader::u8).isInstanceOf(DecodeException.class);
    }

    /** BOLT 1 Appendix B, namespace n1's {@code tlv1} (a tu64): the valid values. */
    @ParameterizedTest
    @CsvSource({
        "'', 0", "01, 1", "0100, 256", "010000, 65536", "01000000, 16777216", "0100000000, 4294967296",
        "010000000000, 1099511627776", "01000000000000, 281474976710656", "0100000000000000, 72057594037927936"
    })
    void readsMinimalTu64(String hex, long expected) throws DecodeException {
        byte[] bytes = Hex.decode(hex);
        assertThat(new ByteReader(bytes).tu64(bytes.length)).isEqualTo(expected);
        assertThat(new ByteWriter().tu64(expected).toByteArray()).isEqualTo(bytes);
    }

    /** BOLT 1 Appendix B: "encoding for n1's tlv1's amount_msat is not minimal", and too long. */
    @ParameterizedTest
    @CsvSource({"00", "0001", "000100", "00010000", "0001000000", "000100000000", "00010000000000",
        "0001000000000000", "ffffffffffffffffff"})
    void rejectsNonMinimalOrOverlongTu64(String hex) throws DecodeException {
        byte[] bytes = Hex.decode(hex);
        assertThatThrownBy(() -> new ByteReader(bytes).tu64(bytes.length)).isInstanceOf(DecodeException.class);
    }

    @Test
    void truncatedIntegersHaveWidthLimits() throws DecodeException {
        assertThat(new ByteReader(Hex.decode("ffff")).tu16(2)).isEqualTo(0xffff);
        assertThat(new ByteReader(Hex.decode("ffffffff")).tu32(4)).isEqualTo(0xffffffffL);
        assertThatThrownBy(() -> new ByteReader(Hex.decode("010000")).tu16(3))
                .hasMessageContaining("tu16 length 3");
        assertThatThrownBy(() -> new ByteReader(Hex.decode("0100000000")).tu32(5))
                .hasMessageContaining("tu32 length 5");
        assertThatThrownBy(() -> new ByteReader(Hex.decode("0001")).tu32(2))
                .hasMessage("non-minimal tu32: leading zero byte");
        assertThatThrownBy(() -> new ByteReader(Hex.decode("01")).tu16(2)).hasMessageContaining("truncated");
    }

    @Test
    void readsValidatedPublicKeys() throws DecodeException {
        String point = "023da092f6980e58d2c037173180e9a465476026ee50f96695963e8efe436f54eb";
        assertThat(new ByteReader(Hex.decode(point)).publicKey().hex()).isEqualTo(point);
        // BOLT 1 Appendix B: "n1's node_id is not a valid point" (04 prefix)
        assertThatThrownBy(() -> new ByteReader(Hex.decode("04" + point.substring(2))).publicKey())
                .isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> new ByteReader(Hex.decode(point.substring(4))).publicKey())
                .hasMessageContaining("truncated");
    }

    @Test
    void randomBytesOnlyEverFailWithDecodeException() {
        Random random = new Random(11);
        for (int i = 0; i < 5_000; i++) {
            byte[] bytes = new byte[random.nextInt(48)];
            random.nextBytes(bytes);
            ByteReader reader = new ByteReader(bytes);
            try {
                while (true) {
                    switch (random.nextInt(6)) {
                        case 0 -> reader.bigSize();
                        case 1 -> reader.tu64(random.nextInt(10));
                        case 2 -> reader.tu32(random.nextInt(6));
                        case 3 -> reader.publicKey();
                        case 4 -> reader.bytes(random.nextInt(20));
                        default -> reader.u64();
                    }
                }
            } catch (DecodeException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

}
