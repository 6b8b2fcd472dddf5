package io.staticinvoice.lightning.wire;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** BOLT 1 {@code pong}. */
class PongTest {

    @Test
    void roundTripsWithPadding() throws DecodeException {
        Pong pong = new Pong(5);
        assertThat(Hex.encode(pong.encode())).isEqualTo("0013" + "0005" + "0000000000");
        assertThat(LightningMessage.decode(pong.encode())).isEqualTo(pong);
    }

    @Test
    void rejectsMissingPadding() {
        assertThatThrownBy(() -> LightningMessage.decode(Hex.decode("0013" + "0005" + "00")))
                .isInstanceOf(DecodeException.class);
    }
}
