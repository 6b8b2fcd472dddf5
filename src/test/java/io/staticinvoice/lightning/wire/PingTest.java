package io.staticinvoice.lightning.wire;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** BOLT 1 {@code ping}: padding, the no-pong threshold, extensions. */
class PingTest {

    @Test
    void encodesZeroPadding() {
        assertThat(Hex.encode(new Ping(4, 3).encode())).isEqualTo("0012" + "0004" + "0003" + "000000");
    }

    @Test
    void decodesAndSkipsThePadding() throws DecodeException {
        Ping ping = (Ping) LightningMessage.decode(Hex.decode("0012" + "0008" + "0002" + "abcd" + "0100"));
        assertThat(ping.numPongBytes()).isEqualTo(8);
        assertThat(ping.ignoredLength()).isEqualTo(2);
        assertThat(ping.extension().records()).hasSize(1);
    }

    @Test
    void pingsAskingFor65532BytesOrMoreExpectNoPong() {
        assertThat(new Ping(65531, 0).expectsPong()).isTrue();
        assertThat(new Ping(65532, 0).expectsPong()).isFalse();
    }

    @Test
    void rejectsPaddingLongerThanTheMessage() {
        assertThatThrownBy(() -> LightningMessage.decode(Hex.decode("0012" + "0000" + "0004" + "0000")))
                .isInstanceOf(DecodeException.class);
    }

    @Test
    void rejectsAnUnknownEvenExtensionRecord() {
        assertThatThrownBy(() -> LightningMessage.decode(Hex.decode("0012" + "0000" + "0000" + "0200")))
                .isInstanceOf(DecodeException.class);
    }

    @Test
    void rejectsValuesBeyondU16() {
        assertThatThrownBy(() -> new Ping(65536, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
