package io.staticinvoice.lightning.wire;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.testing.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** BOLT 4 {@code onion_message} bodies, checked against real LDK 0.2.5 captures. */
class OnionMessageTest {

    private static byte[] fixture(String name) {
        return TestResources.ldkHex("raw/" + name);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "server-0000-wire-in-onion_message-from-02888f2e.hex",
        "server-0004-wire-in-onion_message-from-02888f2e.hex",
    })
    void decodesAndReencodesLdkCaptures(String name) throws Exception {
        byte[] body = fixture(name);
        OnionMessage message = OnionMessage.decodeBody(body);
        assertThat(message.packetLength()).isEqualTo(body.length - 33 - 2);
        assertThat(message.packetLength()).isIn(1366, 32834);
        assertThat(message.encodeBody()).isEqualTo(body);

        byte[] whole = message.encode();
        assertThat(Hex.encode(whole)).startsWith("0201");
        assertThat(LightningMessage.decode(whole)).isEqualTo(message);
    }

    @Test
    void rejectsAnInvalidPathKey() throws Exception {
        byte[] body = fixture("server-0000-wire-in-onion_message-from-02888f2e.hex");
        body[0] = 0x05;
        assertThatThrownBy(() -> OnionMessage.decodeBody(body)).isInstanceOf(DecodeException.class);
    }

    @Test
    void rejectsAPacketLengthBeyondTheMessage() throws Exception {
        byte[] body = fixture("server-0000-wire-in-onion_message-from-02888f2e.hex");
        body[33] = (byte) 0xff;
        assertThatThrownBy(() -> OnionMessage.decodeBody(body)).isInstanceOf(DecodeException.class);
    }
}
