package io.staticinvoice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.lightning.codec.DecodeException;
import java.util.HexFormat;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.store.Recipient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.test.util.ReflectionTestUtils;

class PathContextCodecTest {

    /** The node key the v1 fixtures were sealed with (fixtures/path-context-v1/README.md). */
    private static final PrivateKey FIXTURE_KEY = PrivateKey.of(HexFormat.of().parseHex("01".repeat(32)));
    private static final byte[] FIXTURE_RECIPIENT_ID =
            HexFormat.of().parseHex("d1369faa35661ec1addcb47f672179fd8bb9ab1dc3fd72ebb7a13a0283a053b3");

    private final PathContextCodec codec = new PathContextCodec(FIXTURE_KEY);
    private final Recipient recipient = stored(4242, FIXTURE_RECIPIENT_ID);
    private final PathContext context = new PathContext(PathContext.Kind.INVOICE_REQUEST,
            RecipientReference.of(recipient), 7, Instant.ofEpochSecond(1_900_000_000L));

    @Test
    void aWrittenContextReadsBackToTheSameValue() throws DecodeException {
        assertThat(codec.read(codec.write(context))).isEqualTo(context);
    }

    @Test
    void compactContextsTakeTwelveToTwentyBytes() {
        assertThat(codec.write(context)).hasSize(1 + 2 + 4 + 4 + 3);
        PathContext smallest = new PathContext(PathContext.Kind.OFFER_PATHS_REQUEST,
                RecipientReference.of(stored(1, FIXTURE_RECIPIENT_ID)), 0, Instant.MAX);
        PathContext largest = new PathContext(PathContext.Kind.SERVE_STATIC_INVOICE,
                RecipientReference.of(stored(Long.MAX_VALUE, FIXTURE_RECIPIENT_ID)), 0xFFFF, Instant.MAX);
        assertThat(codec.write(smallest)).hasSize(12);
        assertThat(codec.write(largest)).hasSize(20);
    }

    @Test
    void neverExpiringAndLargestValuesRoundTrip() throws DecodeException {
        PathContext largest = new PathContext(PathContext.Kind.SERVE_STATIC_INVOICE,
                RecipientReference.of(stored(Long.MAX_VALUE, new byte[1024])), 0xFFFF, Instant.MAX);
        assertThat(codec.read(codec.write(largest))).isEqualTo(largest);
    }

    @Test
    void expiriesPastTheLargestU32AreShortenedToIt() throws DecodeException {
        PathContext farAway = new PathContext(PathContext.Kind.OFFER_PATHS_REQUEST, RecipientReference.of(recipient),
                0, Instant.parse("3000-01-01T00:00:00Z"));
        assertThat(codec.read(codec.write(farAway)).expiresAt()).isEqualTo(Instant.ofEpochSecond(0xFFFF_FFFFL));
    }

    @Test
    void theReferenceMatchesOnlyTheRecipientItWasWrittenFor() throws DecodeException {
        RecipientReference read = codec.read(codec.write(context)).recipient();

        assertThat(read.matches(recipient)).isTrue();
        assertThat(read.matches(stored(4242, "another database's recipient".getBytes(StandardCharsets.UTF_8))))
                .as("same key, other recipient id").isFalse();
        assertThat(read.matches(stored(4243, FIXTURE_RECIPIENT_ID))).as("other key").isFalse();
    }

    @Test
    void contextsSealedByTheFirstVersionStillOpen() throws Exception {
        assertThat(codec.read(fixture("invoice-request.hex"))).isEqualTo(new PathContext(
                PathContext.Kind.INVOICE_REQUEST, new RecipientReference.ById(FIXTURE_RECIPIENT_ID), 7,
                Instant.ofEpochSecond(1_900_000_000L)));
        PathContext neverExpiring = codec.read(fixture("offer-paths-request-never-expires.hex"));
        assertThat(neverExpiring.kind()).isEqualTo(PathContext.Kind.OFFER_PATHS_REQUEST);
        assertThat(neverExpiring.expiresAt()).isEqualTo(Instant.MAX);
        assertThat(neverExpiring.recipient().matches(stored(9, FIXTURE_RECIPIENT_ID))).isTrue();
    }

    @Test
    void everyFlippedBitOfAFirstVersionContextIsRejected() throws Exception {
        byte[] sealed = fixture("invoice-request.hex");
        for (int i = 0; i < sealed.length * 8; i++) {
            byte[] forged = sealed.clone();
            forged[i / 8] ^= (byte) (1 << (i % 8));
            assertThatThrownBy(() -> codec.read(forged)).isInstanceOf(DecodeException.class);
        }
    }

    @Test
    void anotherNodesFirstVersionContextIsRejected() throws Exception {
        byte[] sealed = fixture("invoice-request.hex");
        assertThatThrownBy(() -> new PathContextCodec(PrivateKey.random()).read(sealed))
                .isInstanceOf(DecodeException.class).hasMessageContaining("authentication");
    }

    @Test
    void truncatedAndOverlongCompactContextsAreRejected() {
        byte[] written = codec.write(context);
        for (int length = 0; length < written.length; length++) {
            byte[] truncated = Arrays.copyOf(written, length);
            assertThatThrownBy(() -> codec.read(truncated)).isInstanceOf(DecodeException.class);
        }
        byte[] trailing = Arrays.copyOf(written, written.length + 1);
        assertThatThrownBy(() -> codec.read(trailing)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("after the recipient key");
        assertThatThrownBy(() -> codec.read(new byte[30])).isInstanceOf(DecodeException.class)
                .hasMessageContaining("neither version");
    }

    @Test
    void unknownVersionsKindsAndKeysAreRejected() {
        byte[] written = codec.write(context);
        byte[] version3 = written.clone();
        version3[0] = 0x32;
        assertThatThrownBy(() -> codec.read(version3)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("version 3");
        byte[] kind9 = written.clone();
        kind9[0] = 0x29;
        assertThatThrownBy(() -> codec.read(kind9)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("kind 9");
        byte[] keyZero = Arrays.copyOf(written, 12);
        keyZero[11] = 0;
        assertThatThrownBy(() -> codec.read(keyZero)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("recipient key 0");
    }

    @Test
    void expiryIsJudgedAgainstTheGivenInstant() {
        assertThat(context.isExpired(Instant.ofEpochSecond(1_899_999_999L))).isFalse();
        assertThat(context.isExpired(Instant.ofEpochSecond(1_900_000_000L))).isTrue();
    }

    /** A recipient as the database returns it, with its key. */
    static Recipient stored(long key, byte[] recipientId) {
        Recipient recipient = new Recipient(recipientId, null, 1, null, Instant.EPOCH);
        ReflectionTestUtils.setField(recipient, "id", key);
        return recipient;
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = PathContextCodecTest.class.getResourceAsStream("/fixtures/path-context-v1/" + name)) {
            return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        }
    }
}
