package io.staticinvoice.lightning.transport;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.crypto.PublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** BOLT 8 Appendix A "Initiator Tests", plus the initiator's half of the message test. */
class HandshakeInitiatorTest {

    static List<Bolt8TestVectors.Case> initiatorVectors() {
        return Bolt8TestVectors.cases("transport-initiator");
    }

    private static HandshakeInitiator initiator(Bolt8TestVectors.Case vector) throws DecodeException {
        return new HandshakeInitiator(
                PrivateKey.of(vector.param("ls.priv")),
                PublicKey.parse(vector.param("rs.pub")),
                PrivateKey.of(vector.param("e.priv")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("initiatorVectors")
    void followsTheVector(Bolt8TestVectors.Case vector) throws DecodeException {
        HandshakeInitiator initiator = initiator(vector);
        List<Bolt8TestVectors.Line> lines = vector.lines();
        assertThat(initiator.start()).isEqualTo(lines.get(0).bytes());
        assertThat(initiator.nextActLength()).isEqualTo(Handshake.ACT_TWO_LENGTH);

        byte[] actTwo = lines.get(1).bytes();
        Bolt8TestVectors.Line result = lines.get(2);
        if (result.isError()) {
            assertThatThrownBy(() -> initiator.receive(actTwo)).isInstanceOf(DecodeException.class);
            assertThat(initiator.isComplete()).isFalse();
            return;
        }
        assertThat(initiator.receive(actTwo)).isEqualTo(result.bytes());
        assertThat(initiator.isComplete()).isTrue();
        assertThat(initiator.nextActLength()).isZero();
        assertThat(initiator.remoteStatic()).isEqualTo(PublicKey.parse(vector.param("rs.pub")));
        byte[][] keys = Bolt8TestVectors.keyPair(lines.get(3).value());
        Bolt8TestVectors.assertSessionKeys(initiator.cipher(), keys[0], keys[1]);
    }

    @Test
    void sessionFromTheHandshakeProducesTheMessageVectorsAcrossKeyRotations() throws DecodeException {
        Bolt8TestVectors.Case handshake = Bolt8TestVectors.cases("transport-initiator successful handshake").get(0);
        HandshakeInitiator initiator = initiator(handshake);
        initiator.start();
        initiator.receive(handshake.lines().get(1).bytes());

        Bolt8TestVectors.Case messages = Bolt8TestVectors.cases("transport-message test").get(0);
        byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
        int checked = 0;
        for (int i = 0; i <= 1001; i++) {
            byte[] frame = initiator.cipher().encrypt(hello);
            for (Bolt8TestVectors.Line line : messages.lines()) {
                if (line.key().equals("output " + i)) {
                    assertThat(frame).as("message %d", i).isEqualTo(line.bytes());
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(6);
    }

    @Test
    void refusesActsOutOfOrder() throws DecodeException {
        HandshakeInitiator initiator = initiator(initiatorVectors().get(0));
        assertThatThrownBy(() -> initiator.receive(new byte[Handshake.ACT_TWO_LENGTH]))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(initiator::cipher).isInstanceOf(IllegalStateException.class);
        initiator.start();
        assertThatThrownBy(initiator::start).isInstanceOf(IllegalStateException.class);
    }
}
