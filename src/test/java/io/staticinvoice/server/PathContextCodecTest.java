package io.staticinvoice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.crypto.PrivateKey;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class PathContextCodecTest {

    private final PathContextCodec codec = new PathContextCodec(PrivateKey.random());
    private final PathContext context = new PathContext(PathContext.Kind.INVOICE_REQUEST, randomBytes(32), 7,
            Instant.ofEpochSecond(1_900_000_000L));

    @Test
    void sealedContextOpensToTheSameValue() throws DecodeException {
        assertThat(codec.open(codec.seal(context))).isEqualTo(context);
    }

    @Test
    void neverExpiringAndLongestRecipientIdsRoundTrip() throws DecodeException {
        PathContext longest = new PathContext(PathContext.Kind.OFFER_PATHS_REQUEST,
                randomBytes(PathContext.MAX_RECIPIENT_ID_BYTES), 0, Instant.MAX);
        assertThat(codec.open(codec.seal(longest))).isEqualTo(longest);
    }

    @Test
    void sealingTwiceGivesDifferentBytes() {
        assertThat(codec.seal(context)).isNotEqualTo(codec.seal(context));
    }

    @Test
    void everyFlippedBitIsRejected() {
        byte[] sealed = codec.seal(context);
        for (int i = 0; i < sealed.length * 8; i++) {
            byte[] forged = sealed.clone();
            forged[i / 8] ^= (byte) (1 << (i % 8));
            assertThatThrownBy(() -> codec.open(forged)).isInstanceOf(DecodeException.class);
        }
    }

    @Test
    void anotherNodesContextIsRejected() {
        byte[] foreign = new PathContextCodec(PrivateKey.random()).seal(context);
        assertThatThrownBy(() -> codec.open(foreign)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("authentication");
    }

    @Test
    void truncatedAndEmptyInputsAreRejected() {
        byte[] sealed = codec.seal(context);
        for (int length = 0; length < sealed.length; length++) {
            byte[] truncated = java.util.Arrays.copyOf(sealed, length);
            assertThatThrownBy(() -> codec.open(truncated)).isInstanceOf(DecodeException.class);
        }
    }

    @Test
    void expiryIsJudgedAgainstTheGivenInstant() {
        assertThat(context.isExpired(Instant.ofEpochSecond(1_899_999_999L))).isFalse();
        assertThat(context.isExpired(Instant.ofEpochSecond(1_900_000_000L))).isTrue();
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
