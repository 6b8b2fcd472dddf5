package io.staticinvoice.lightning.onion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import org.junit.jupiter.api.Test;

/** One blinded hop: 33-byte blinded node id, then a u16-length-prefixed encrypted payload. */
class BlindedHopTest {

    private static final String NODE = "0324653eac434488002cc06bbfb7f10fe18991e35f9fe4302dbea6d2353dc0ab1c";

    @Test
    void readsAndWritesAHop() throws DecodeException {
        byte[] bytes = Hex.decode(NODE + "0002abcd");
        BlindedHop hop = BlindedHop.read(new ByteReader(bytes));
        assertThat(hop.blindedNodeId().hex()).isEqualTo(NODE);
        assertThat(hop.encryptedPayload()).isEqualTo(Hex.decode("abcd"));
        assertThat(hop.payloadLength()).isEqualTo(2);
        ByteWriter writer = new ByteWriter();
        hop.write(writer);
        assertThat(writer.toByteArray()).isEqualTo(bytes);
        assertThat(hop).isEqualTo(new BlindedHop(hop.blindedNodeId(), Hex.decode("abcd")));
    }

    @Test
    void checksThePayloadLengthBeforeAllocating() {
        assertThatThrownBy(() -> BlindedHop.read(new ByteReader(Hex.decode(NODE + "fffe" + "00"))))
                .hasMessageContaining("truncated: need 65534 bytes, have 1");
        assertThatThrownBy(() -> BlindedHop.read(new ByteReader(Hex.decode(NODE + "ffff" + "7fffffffffffffff"))))
                .hasMessageContaining("truncated");
    }

    @Test
    void rejectsAnInvalidBlindedNodeId() {
        assertThatThrownBy(() -> BlindedHop.read(new ByteReader(Hex.decode("02" + "00".repeat(32) + "0000"))))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("not a secp256k1 point");
    }

    @Test
    void copiesThePayloadDefensively() throws DecodeException {
        byte[] payload = {1, 2};
        BlindedHop hop = new BlindedHop(BlindedHop.read(new ByteReader(Hex.decode(NODE + "0000"))).blindedNodeId(), payload);
        payload[0] = 9;
        hop.encryptedPayload()[1] = 9;
        assertThat(hop.encryptedPayload()).containsExactly(1, 2);
    }
}
