package io.staticinvoice.lightning.wire;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** BOLT 1 {@code warning} and {@code error}. */
class ErrorMessageTest {

    @Test
    void encodesAWarningAboutAllChannels() {
        ErrorMessage warning = ErrorMessage.of(ErrorMessage.Level.WARNING, "hi");
        assertThat(Hex.encode(warning.encode())).isEqualTo("0001" + "00".repeat(32) + "0002" + "6869");
    }

    @Test
    void roundTripsBothLevels() throws DecodeException {
        for (ErrorMessage.Level level : ErrorMessage.Level.values()) {
            ErrorMessage message = ErrorMessage.of(level, "no onion messages");
            assertThat(LightningMessage.decode(message.encode())).isEqualTo(message);
        }
    }

    @Test
    void printsOnlyPrintableAsciiVerbatim() throws DecodeException {
        ErrorMessage printable = (ErrorMessage) LightningMessage.decode(Hex.decode("0011" + "00".repeat(32) + "0003" + "616263"));
        ErrorMessage binary = (ErrorMessage) LightningMessage.decode(Hex.decode("0011" + "00".repeat(32) + "0002" + "0a41"));
        assertThat(printable.printableData()).isEqualTo("abc");
        assertThat(binary.printableData()).isEqualTo("hex:0a41");
    }

    @Test
    void rejectsDataLongerThanTheMessage() {
        assertThatThrownBy(() -> LightningMessage.decode(Hex.decode("0001" + "00".repeat(32) + "0009" + "61")))
                .isInstanceOf(DecodeException.class);
    }
}
