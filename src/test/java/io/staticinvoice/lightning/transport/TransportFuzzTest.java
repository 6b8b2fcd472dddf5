package io.staticinvoice.lightning.transport;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.crypto.PrivateKey;
import java.util.Arrays;

/**
 * Jazzer targets for BOLT 8 as a peer drives it: the acts a responder receives (act one, and act
 * three after a real act one and two) and the frames of an established session (raw length
 * headers and bodies, and well-encrypted frames of any plaintext). Only {@link DecodeException}
 * may come out.
 */
class TransportFuzzTest {

    private static final PrivateKey RESPONDER = key(0x21);
    private static final PrivateKey INITIATOR = key(0x12);

    @FuzzTest
    void actOne(byte[] input) {
        try {
            new HandshakeResponder(RESPONDER).receive(input);
        } catch (DecodeException expected) {
            // the only failure allowed
        }
    }

    @FuzzTest
    void actThree(byte[] input) throws DecodeException {
        HandshakeInitiator initiator = new HandshakeInitiator(INITIATOR, RESPONDER.publicKey());
        HandshakeResponder responder = new HandshakeResponder(RESPONDER);
        responder.receive(initiator.start());
        try {
            responder.receive(input);
        } catch (DecodeException expected) {
            // the only failure allowed
        }
    }

    @FuzzTest
    void frames(byte[] input) throws DecodeException {
        TransportCipher receiver = session()[1];
        try {
            int length = receiver.decryptLength(Arrays.copyOf(input, TransportCipher.LENGTH_HEADER_LENGTH));
            receiver.decryptMessage(Arrays.copyOfRange(input, Math.min(input.length, TransportCipher.LENGTH_HEADER_LENGTH),
                    Math.min(input.length, TransportCipher.LENGTH_HEADER_LENGTH + length + TransportCipher.MAC_LENGTH)));
        } catch (DecodeException expected) {
            // the only failure allowed
        }
        byte[] plaintext = Arrays.copyOf(input, Math.min(input.length, TransportCipher.MAX_MESSAGE_LENGTH));
        TransportCipher[] session = session();
        receiver = session[1];
        byte[] frame = session[0].encrypt(plaintext);
        int length = receiver.decryptLength(Arrays.copyOf(frame, TransportCipher.LENGTH_HEADER_LENGTH));
        byte[] decrypted = receiver.decryptMessage(Arrays.copyOfRange(frame, TransportCipher.LENGTH_HEADER_LENGTH,
                frame.length));
        if (length != plaintext.length || !Arrays.equals(decrypted, plaintext)) {
            throw new AssertionError("frame of " + plaintext.length + " bytes did not round-trip");
        }
    }

    /** A completed handshake: the initiator's cipher, then the responder's. */
    private static TransportCipher[] session() throws DecodeException {
        HandshakeInitiator initiator = new HandshakeInitiator(INITIATOR, RESPONDER.publicKey());
        HandshakeResponder responder = new HandshakeResponder(RESPONDER);
        byte[] actTwo = responder.receive(initiator.start());
        responder.receive(initiator.receive(actTwo));
        return new TransportCipher[] {initiator.cipher(), responder.cipher()};
    }

    private static PrivateKey key(int fill) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) fill);
        return PrivateKey.of(bytes);
    }
}
