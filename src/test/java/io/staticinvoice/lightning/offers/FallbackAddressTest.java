package io.staticinvoice.lightning.offers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import org.junit.jupiter.api.Test;

/** {@code fallback_address}: version byte, u16 length, witness program. */
class FallbackAddressTest {

    @Test
    void readsAndWritesAWitnessProgram() throws DecodeException {
        byte[] bytes = Hex.decode("00" + "0014" + "751e76e8199196d454941c45d1b3a323f1433bd6");
        FallbackAddress address = FallbackAddress.read(new ByteReader(bytes));
        assertThat(address.version()).isZero();
        assertThat(address.program()).hasSize(20);
        ByteWriter writer = new ByteWriter();
        address.write(writer);
        assertThat(writer.toByteArray()).isEqualTo(bytes);
    }

    @Test
    void rejectsTruncatedPrograms() {
        assertThatThrownBy(() -> FallbackAddress.read(new ByteReader(Hex.decode("010003abcd"))))
                .isInstanceOf(DecodeException.class).hasMessageContaining("truncated");
    }
}
