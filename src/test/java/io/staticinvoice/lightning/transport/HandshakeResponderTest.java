package io.staticinvoice.lightning.transport;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.crypto.PublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** BOLT 8 Appendix A "Responder Tests", plus a full handshake between both roles. */
class HandshakeResponderTest {

    static List<Bolt8TestVectors.Case> responderVectors() {
        return Bolt8TestVectors.cases("transport-responder");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responderVectors")
    void followsTheVector(Bolt8TestVectors.Case vector) throws DecodeException {
        HandshakeResponder responder = new HandshakeResponder(
                PrivateKey.of(vector.param("ls.priv")), PrivateKey.of(vector.param("e.priv")));
        assertThat(responder.start()).isEmpty();
        List<Bolt8TestVectors.Line> lines = vector.lines();
        for (int i = 0; i < lines.size(); i += 2) {
            Bolt8TestVectors.Line input = lines.get(i);
            Bolt8TestVectors.Line output = lines.get(i + 1);
            assertThat(input.isInput()).isTrue();
            assertThat(responder.nextActLength()).isEqualTo(i == 0 ? Handshake.ACT_ONE_LENGTH : Handshake.ACT_THREE_LENGTH);
            if (output.isError()) {
                assertThatThrownBy(() -> responder.receive(input.bytes())).isInstanceOf(DecodeException.class);
                assertThat(responder.isComplete()).isFalse();
                return;
            }
            byte[] answer = responder.receive(input.bytes());
            if (output.value().startsWith("rk,sk=")) {
                assertThat(answer).isEmpty();
                assertThat(responder.isComplete()).isTrue();
                Bolt8TestVectors.Case initiator = Bolt8TestVectors.cases("transport-initiator successful").get(0);
                assertThat(responder.remoteStatic()).isEqualTo(PublicKey.parse(initiator.param("ls.pub")));
                byte[][] keys = Bolt8TestVectors.keyPair(output.value());
                Bolt8TestVectors.assertSessionKeys(responder.cipher(), keys[1], keys[0]);
            } else {
                assertThat(answer).isEqualTo(output.bytes());
            }
        }
    }

    @Test
    void completesAHandshakeWithARandomInitiatorAndExchangesMessages() throws DecodeException {
        PrivateKey responderKey = PrivateKey.random();
        PrivateKey initiatorKey = PrivateKey.random();
        HandshakeInitiator initiator = new HandshakeInitiator(initiatorKey, responderKey.publicKey());
        HandshakeResponder responder = new HandshakeResponder(responderKey);

        byte[] actTwo = responder.receive(initiator.start());
        assertThatThrownBy(responder::remoteStatic).isInstanceOf(IllegalStateException.class);
        responder.receive(initiator.receive(actTwo));

        assertThat(responder.isComplete()).isTrue();
        assertThat(responder.remoteStatic()).isEqualTo(initiatorKey.publicKey());
        byte[] message = "ping across".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 1200; i++) {
            byte[] frame = initiator.cipher().encrypt(message);
            int length = responder.cipher().decryptLength(Arrays.copyOfRange(frame, 0, 18));
            assertThat(length).isEqualTo(message.length);
            assertThat(responder.cipher().decryptMessage(Arrays.copyOfRange(frame, 18, frame.length))).isEqualTo(message);
        }
    }

    @Test
    void rejectsAnActOneMeantForAnotherNode() {
        HandshakeInitiator initiator = new HandshakeInitiator(PrivateKey.random(), PrivateKey.random().publicKey());
        HandshakeResponder responder = new HandshakeResponder(PrivateKey.random());
        assertThatThrownBy(() -> responder.receive(initiator.start()))
                .isInstanceOf(DecodeException.class);
    }

    @Test
    void refusesActsAfterCompletion() throws DecodeException {
        PrivateKey responderKey = PrivateKey.random();
        HandshakeInitiator initiator = new HandshakeInitiator(PrivateKey.random(), responderKey.publicKey());
        HandshakeResponder responder = new HandshakeResponder(responderKey);
        responder.receive(initiator.receive(responder.receive(initiator.start())));
        assertThatThrownBy(() -> responder.receive(new byte[Handshake.ACT_THREE_LENGTH]))
                .isInstanceOf(IllegalStateException.class);
    }
}
