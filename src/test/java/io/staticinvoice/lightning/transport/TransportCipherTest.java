package io.staticinvoice.lightning.transport;

import io.staticinvoice.lightning.codec.DecodeException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** BOLT 8 Appendix A "Message Encryption Tests": frames 0, 1, 500, 501, 1000, 1001 and tampering. */
class TransportCipherTest {

    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);
    private static final Bolt8TestVectors.Case VECTOR = Bolt8TestVectors.cases("transport-message test").get(0);

    private static Map<Integer, byte[]> expectedFrames() {
        Map<Integer, byte[]> frames = new HashMap<>();
        for (Bolt8TestVectors.Line line : VECTOR.lines()) {
            frames.put(Integer.parseInt(line.key().substring("output ".length())), line.bytes());
        }
        return frames;
    }

    private static TransportCipher sender() {
        return new TransportCipher(VECTOR.param("ck"), VECTOR.param("sk"), VECTOR.param("rk"));
    }

    private static TransportCipher receiver() {
        return new TransportCipher(VECTOR.param("ck"), VECTOR.param("rk"), VECTOR.param("sk"));
    }

    private static byte[] decrypt(TransportCipher cipher, byte[] frame) throws DecodeException {
        int length = cipher.decryptLength(Arrays.copyOfRange(frame, 0, TransportCipher.LENGTH_HEADER_LENGTH));
        assertThat(frame.length).isEqualTo(TransportCipher.LENGTH_HEADER_LENGTH + length + TransportCipher.MAC_LENGTH);
        return cipher.decryptMessage(Arrays.copyOfRange(frame, TransportCipher.LENGTH_HEADER_LENGTH, frame.length));
    }

    @Test
    void encryptsTheVectorFramesAcrossTwoKeyRotations() {
        Map<Integer, byte[]> expected = expectedFrames();
        assertThat(expected.keySet()).containsExactlyInAnyOrder(0, 1, 500, 501, 1000, 1001);
        TransportCipher cipher = sender();
        for (int i = 0; i <= 1001; i++) {
            byte[] frame = cipher.encrypt(HELLO);
            if (expected.containsKey(i)) {
                assertThat(frame).as("frame %d", i).isEqualTo(expected.get(i));
            }
        }
    }

    @Test
    void decryptsTheSameFramesWithTheReceivingSide() throws DecodeException {
        TransportCipher sender = sender();
        TransportCipher receiver = receiver();
        Map<Integer, byte[]> expected = expectedFrames();
        for (int i = 0; i <= 1001; i++) {
            byte[] frame = sender.encrypt(HELLO);
            assertThat(decrypt(receiver, frame)).as("frame %d", i).isEqualTo(HELLO);
            if (expected.containsKey(i)) {
                assertThat(frame).isEqualTo(expected.get(i));
            }
        }
    }

    @Test
    void carriesEmptyAndMaximalMessages() throws DecodeException {
        TransportCipher sender = sender();
        TransportCipher receiver = receiver();
        byte[] largest = new byte[TransportCipher.MAX_MESSAGE_LENGTH];
        Arrays.fill(largest, (byte) 7);
        assertThat(decrypt(receiver, sender.encrypt(new byte[0]))).isEmpty();
        assertThat(decrypt(receiver, sender.encrypt(largest))).isEqualTo(largest);
    }

    @Test
    void rejectsMessagesLongerThan65535Bytes() {
        assertThatThrownBy(() -> sender().encrypt(new byte[TransportCipher.MAX_MESSAGE_LENGTH + 1]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsATamperedLengthHeader() {
        byte[] frame = expectedFrames().get(0);
        frame[0] ^= 1;
        assertThatThrownBy(() -> receiver().decryptLength(Arrays.copyOfRange(frame, 0, 18)))
                .isInstanceOf(DecodeException.class);
    }

    @Test
    void rejectsATamperedBody() throws DecodeException {
        byte[] frame = expectedFrames().get(0);
        frame[frame.length - 1] ^= 1;
        TransportCipher receiver = receiver();
        receiver.decryptLength(Arrays.copyOfRange(frame, 0, 18));
        assertThatThrownBy(() -> receiver.decryptMessage(Arrays.copyOfRange(frame, 18, frame.length)))
                .isInstanceOf(DecodeException.class);
    }

    @Test
    void rejectsTruncatedInput() {
        assertThatThrownBy(() -> receiver().decryptLength(new byte[17])).isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> receiver().decryptMessage(new byte[15])).isInstanceOf(DecodeException.class);
    }
}
