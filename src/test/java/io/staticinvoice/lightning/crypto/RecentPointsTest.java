package io.staticinvoice.lightning.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.lightning.codec.DecodeException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecentPointsTest {

    private final RecentPoints recent = new RecentPoints();

    @Test
    void remembersWhatWasAddedByItsBytes() {
        byte[] point = PrivateKey.random().publicKey().bytes();
        byte[] uncompressed = Curves.get().decompress(point).orElseThrow();
        assertThat(recent.uncompressed(point)).isNull();

        recent.add(point, uncompressed);

        assertThat(recent.uncompressed(point.clone())).isEqualTo(uncompressed);
        byte[] altered = point.clone();
        altered[32] ^= 1;
        assertThat(recent.uncompressed(altered)).isNull();
    }

    @Test
    void aPointTakingTheSameSlotPushesTheEarlierOneOut() {
        Map<Integer, byte[]> bySlot = new HashMap<>();
        byte[][] pair = null;
        while (pair == null) {
            byte[] point = PrivateKey.random().publicKey().bytes();
            byte[] earlier = bySlot.put(RecentPoints.slot(point), point);
            if (earlier != null) {
                pair = new byte[][] {earlier, point};
            }
        }
        recent.add(pair[0], Curves.get().decompress(pair[0]).orElseThrow());
        recent.add(pair[1], Curves.get().decompress(pair[1]).orElseThrow());

        assertThat(recent.uncompressed(pair[1])).isNotNull();
        assertThat(recent.uncompressed(pair[0])).isNull();
    }

    @Test
    void invalidPointsAreRejectedEveryTime() throws DecodeException {
        byte[] notOnCurve = new byte[PublicKey.LENGTH];
        notOnCurve[0] = 2;
        notOnCurve[32] = 5;
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> PublicKey.parse(notOnCurve)).isInstanceOf(DecodeException.class);
        }
        byte[] valid = PrivateKey.random().publicKey().bytes();
        assertThat(PublicKey.parse(valid)).isEqualTo(PublicKey.parse(valid.clone()));
    }
}
