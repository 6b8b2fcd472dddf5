package io.staticinvoice.lightning.wire;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.codec.TlvRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Type dispatch and BOLT 1 Appendix C ("Message Extension") vectors. */
class LightningMessageTest {

    private static LightningMessage decodeHex(String hex) throws DecodeException {
        return LightningMessage.decode(Hex.decode(hex));
    }

    @Test
    void appendixCInitWithoutExtension() throws DecodeException {
        Init init = (Init) decodeHex("001000000000");
        assertThat(init.features()).isEqualTo(Features.empty());
        assertThat(init.networks()).isEmpty();
        assertThat(init.remoteAddress()).isEmpty();
        assertThat(init.unknownTlvs().records()).isEmpty();
    }

    @Test
    void appendixCInitWithUnknownOddRecordsKeepsThemForReencoding() throws DecodeException {
        Init init = (Init) decodeHex("001000000000c9012acb0104");
        assertThat(init.unknownTlvs().records()).extracting(TlvRecord::type).containsExactly(0xc9L, 0xcbL);
        assertThat(Hex.encode(init.encode())).isEqualTo("001000000000c9012acb0104");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "00100000000001",             // extension present but truncated
        "001000000000ca012a",         // unknown even TLV record
        "001000000000c90101c90102",   // duplicate TLV record type
    })
    void appendixCInvalidExtensionsAreRejected(String hex) {
        assertThatThrownBy(() -> decodeHex(hex)).isInstanceOf(DecodeException.class);
    }

    @Test
    void unknownTypesDecodeAsUnknownWithTheirParity() throws DecodeException {
        UnknownMessage odd = (UnknownMessage) decodeHex("8001abcd");
        assertThat(odd.type()).isEqualTo(0x8001);
        assertThat(odd.isOdd()).isTrue();
        assertThat(odd.payload()).containsExactly(0xab, 0xcd);
        assertThat(Hex.encode(odd.encode())).isEqualTo("8001abcd");

        UnknownMessage even = (UnknownMessage) decodeHex("0020");
        assertThat(even.isOdd()).isFalse();
        assertThat(even.payload()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "00", "0012", "001200", "00130005", "0011", "02010203"})
    void truncatedKnownMessagesAreRejected(String hex) {
        assertThatThrownBy(() -> decodeHex(hex)).isInstanceOf(DecodeException.class);
    }

    @Test
    void namesKnownMessages() throws DecodeException {
        assertThat(decodeHex("001000000000").name()).isEqualTo("init");
        assertThat(decodeHex("001200040000").name()).isEqualTo("ping");
        assertThat(decodeHex("00130000").name()).isEqualTo("pong");
        assertThat(decodeHex("0001" + "00".repeat(32) + "0000").name()).isEqualTo("warning");
        assertThat(decodeHex("0011" + "00".repeat(32) + "0000").name()).isEqualTo("error");
        assertThat(decodeHex("ffff").name()).isEqualTo("unknown");
    }
}
