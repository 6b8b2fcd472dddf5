package io.staticinvoice.lightning.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** LDK's {@code CollectionLength}: u16, or 0xffff then a u64 offset for 65535 and above. */
class CollectionLengthTest {

    @Test
    void writesShortLengthsAsU16AndLongOnesEscaped() throws DecodeException {
        assertThat(encode(0)).isEqualTo("0000");
        assertThat(encode(116)).isEqualTo("0074");
        assertThat(encode(0xfffe)).isEqualTo("fffe");
        assertThat(encode(0xffff)).isEqualTo("ffff0000000000000000");
        assertThat(encode(0x10000)).isEqualTo("ffff0000000000000001");
        for (long length : new long[] {0, 1, 0xfffe, 0xffff, 0x10000, 1L << 40, -1L}) {
            assertThat(CollectionLength.read(new ByteReader(Hex.decode(encode(length))))).isEqualTo(length);
        }
    }

    @Test
    void rejectsAnOverflowingEscapedLength() {
        assertThatThrownBy(() -> CollectionLength.read(new ByteReader(Hex.decode("ffff" + "ffffffffffffffff"))))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("overflows");
    }

    @Test
    void readsLengthPrefixedBytesOnlyWhenPresent() throws DecodeException {
        assertThat(CollectionLength.readBytes(new ByteReader(Hex.decode("0002abcd")))).isEqualTo(Hex.decode("abcd"));
        assertThatThrownBy(() -> CollectionLength.readBytes(new ByteReader(Hex.decode("0003abcd"))))
                .hasMessageContaining("truncated: need 3 bytes, have 2");
        assertThatThrownBy(() -> CollectionLength.readBytes(new ByteReader(Hex.decode("ffff7fffffffffffff00"))))
                .hasMessageContaining("truncated");
        ByteWriter writer = new ByteWriter();
        CollectionLength.writeBytes(writer, Hex.decode("abcd"));
        assertThat(Hex.encode(writer.toByteArray())).isEqualTo("0002abcd");
    }

    private static String encode(long length) {
        ByteWriter writer = new ByteWriter();
        CollectionLength.write(writer, length);
        return Hex.encode(writer.toByteArray());
    }
}
