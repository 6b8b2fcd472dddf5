package io.staticinvoice.lightning.onion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.crypto.PublicKey;
import org.junit.jupiter.api.Test;

/** Both forms of {@code sciddir_or_pubkey} (rust-lightning {@code blinded_path/mod.rs}). */
class IntroductionNodeTest {

    private static final String BOB = "0324653eac434488002cc06bbfb7f10fe18991e35f9fe4302dbea6d2353dc0ab1c";

    @Test
    void readsAndWritesANodeId() throws DecodeException {
        IntroductionNode node = IntroductionNode.read(new ByteReader(Hex.decode(BOB)));
        assertThat(node).isEqualTo(new IntroductionNode.NodeId(PublicKey.parse(Hex.decode(BOB))));
        assertThat(encode(node)).isEqualTo(BOB);
    }

    @Test
    void readsAndWritesADirectedShortChannelId() throws DecodeException {
        // BOLT 12 vector "second blinded path via 1x2x3 (direction 1)".
        IntroductionNode node = IntroductionNode.read(new ByteReader(Hex.decode("01" + "0000010000020003")));
        assertThat(node).isEqualTo(new IntroductionNode.DirectedShortChannelId(
                IntroductionNode.Direction.NODE_TWO, 0x0000010000020003L));
        assertThat(encode(node)).isEqualTo("010000010000020003");
        assertThat(encode(new IntroductionNode.DirectedShortChannelId(IntroductionNode.Direction.NODE_ONE, -1L)))
                .isEqualTo("00ffffffffffffffff");
    }

    @Test
    void rejectsOtherPrefixesInvalidPointsAndTruncation() {
        assertThatThrownBy(() -> IntroductionNode.read(new ByteReader(Hex.decode("04" + BOB.substring(2)))))
                .hasMessageContaining("first byte 4");
        assertThatThrownBy(() -> IntroductionNode.read(new ByteReader(Hex.decode("02" + "00".repeat(32)))))
                .isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> IntroductionNode.read(new ByteReader(Hex.decode("01000001"))))
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> IntroductionNode.read(new ByteReader(Hex.decode(BOB.substring(0, 64)))))
                .hasMessageContaining("truncated");
    }

    private static String encode(IntroductionNode node) {
        ByteWriter writer = new ByteWriter();
        node.write(writer);
        return Hex.encode(writer.toByteArray());
    }
}
