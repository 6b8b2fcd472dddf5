package io.staticinvoice.lightning.onion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.DecodeException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared blinded path layout: introduction node, path key, u8 hop count (at least 1), hops. */
class BlindedPathTest {

    @Test
    void roundTripsRandomPaths() throws DecodeException {
        BlindedPathGenerator generator = new BlindedPathGenerator(4);
        for (int i = 0; i < 300; i++) {
            BlindedPath path = generator.path();
            ByteWriter writer = new ByteWriter();
            path.write(writer);
            ByteReader reader = new ByteReader(writer.toByteArray());
            assertThat(BlindedPath.read(reader)).isEqualTo(path);
            assertThat(reader.hasRemaining()).isFalse();
        }
    }

    @Test
    void rejectsZeroHops() {
        BlindedPathGenerator generator = new BlindedPathGenerator(5);
        ByteWriter writer = new ByteWriter().publicKey(generator.publicKey()).publicKey(generator.publicKey()).u8(0);
        assertThatThrownBy(() -> BlindedPath.read(new ByteReader(writer.toByteArray())))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("zero hops");
        assertThatThrownBy(() -> new BlindedPath(generator.introductionNode(), generator.publicKey(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void finalBlindedNodeIdIsTheLastHop() {
        BlindedPath path = new BlindedPathGenerator(6).path();
        assertThat(path.finalBlindedNodeId()).isEqualTo(path.hops().get(path.hops().size() - 1).blindedNodeId());
    }
}
