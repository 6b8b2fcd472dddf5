package io.staticinvoice.lightning.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.crypto.PublicKey;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteWriterTest {

    @Test
    void writesBigEndianFixedWidthIntegers() {
        byte[] out = new ByteWriter(1).u8(0xff).u16(0x0102).u32(0xfffffffdL).u64(-4L).bytes(new byte[] {9}).toByteArray();
        assertThat(Hex.encode(out)).isEqualTo("ff" + "0102" + "fffffffd" + "fffffffffffffffc" + "09");
    }

    @Test
    void truncatedIntegersDropLeadingZeros() {
        assertThat(new ByteWriter().tu64(0).size()).isZero();
        assertThat(Hex.encode(new ByteWriter().tu16(0x00ff).toByteArray())).isEqualTo("ff");
        assertThat(Hex.encode(new ByteWriter().tu32(0x010000L).toByteArray())).isEqualTo("010000");
        assertThat(Hex.encode(new ByteWriter().tu64(-1L).toByteArray())).isEqualTo("ffffffffffffffff");
        assertThat(ByteWriter.truncatedLength(0x0100_0000_0000_0000L)).isEqualTo(8);
    }

    @Test
    void randomValuesRoundTripThroughTheReader() throws DecodeException {
        Random random = new Random(5);
        PublicKey key = PrivateKey.random().publicKey();
        for (int i = 0; i < 2_000; i++) {
            long value = random.nextLong() >>> random.nextInt(64);
            ByteWriter writer = new ByteWriter(1).u64(value).bigSize(value).tu64(value).publicKey(key);
            ByteReader reader = new ByteReader(writer.toByteArray());
            assertThat(reader.u64()).isEqualTo(value);
            assertThat(reader.bigSize()).isEqualTo(value);
            assertThat(reader.tu64(ByteWriter.truncatedLength(value))).isEqualTo(value);
            assertThat(reader.publicKey()).isEqualTo(key);
            assertThat(reader.hasRemaining()).isFalse();
        }
    }
}
