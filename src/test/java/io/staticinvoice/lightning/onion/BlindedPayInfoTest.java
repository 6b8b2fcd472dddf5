package io.staticinvoice.lightning.onion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@code blinded_payinfo} (BOLT 12), checked against the payinfo of LDK's static invoice. */
class BlindedPayInfoTest {

    @Test
    void decodesLdkPayInfo() throws DecodeException {
        // invoice_blindedpay of static-invoice-persisted-by-server.hex
        byte[] bytes = Hex.decode("0000000000000000002a00000000000000011d24b2dfac5200000000");
        BlindedPayInfo payInfo = BlindedPayInfo.read(new ByteReader(bytes));
        assertThat(payInfo).isEqualTo(new BlindedPayInfo(0, 0, 42, 1, 21_000_000L * 100_000_000L * 1000L, new byte[0]));
        assertThat(encode(payInfo)).isEqualTo(bytes);
    }

    @Test
    void keepsFeatureBytesExactly() throws DecodeException {
        byte[] bytes = Hex.decode("00000001000000020003000000000000000400000000000000050002" + "0002");
        BlindedPayInfo payInfo = BlindedPayInfo.read(new ByteReader(bytes));
        assertThat(payInfo.featureBytes()).isEqualTo(Hex.decode("0002"));
        assertThat(payInfo.features().isSet(1)).isTrue();
        assertThat(encode(payInfo)).isEqualTo(bytes);
    }

    @Test
    void roundTripsRandomPayInfos() throws DecodeException {
        BlindedPathGenerator generator = new BlindedPathGenerator(8);
        for (int i = 0; i < 300; i++) {
            BlindedPayInfo payInfo = generator.payInfo();
            assertThat(BlindedPayInfo.read(new ByteReader(encode(payInfo)))).isEqualTo(payInfo);
        }
    }

    @Test
    void rejectsTruncation() throws DecodeException {
        byte[] bytes = Hex.decode("0000000000000000002a00000000000000011d24b2dfac520000000102");
        for (int length = 0; length < bytes.length; length++) {
            byte[] shorter = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> BlindedPayInfo.read(new ByteReader(shorter))).isInstanceOf(DecodeException.class);
        }
    }

    private static byte[] encode(BlindedPayInfo payInfo) {
        ByteWriter writer = new ByteWriter();
        payInfo.write(writer);
        return writer.toByteArray();
    }
}
