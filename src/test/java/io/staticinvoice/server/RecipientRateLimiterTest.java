package io.staticinvoice.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.staticinvoice.config.ProtocolPropertiesFixture;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.wire.NodeId;
import io.staticinvoice.store.RateOverride;
import io.staticinvoice.store.Recipient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RecipientRateLimiterTest {

    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger liveReplicas = new AtomicInteger(1);
    private final RecipientRateLimiter limiter = limiter(Map.of(
            "sis.rate-limit.request-refill", "1h", "sis.rate-limit.store-refill", "1h"));

    @Test
    void aBurstBeyondTheBucketIsRefused() {
        Recipient recipient = recipient("alice");

        assertThat(takes(recipient, RecipientRateLimiter.Kind.REQUEST, 8)).isEqualTo(5);
    }

    @Test
    void requestAndStoreBucketsAndRecipientsAreSeparate() {
        Recipient alice = recipient("alice");
        Recipient bob = recipient("bob");

        assertThat(takes(alice, RecipientRateLimiter.Kind.REQUEST, 5)).isEqualTo(5);
        assertThat(takes(alice, RecipientRateLimiter.Kind.STORE, 5)).isEqualTo(5);
        assertThat(takes(bob, RecipientRateLimiter.Kind.REQUEST, 5)).isEqualTo(5);
    }

    @Test
    void aRecipientsOverrideReplacesTheDefault() {
        Recipient recipient = recipient("carol");
        recipient.overrideRequestRate(new RateOverride(2, 3_600_000), Instant.now());

        assertThat(takes(recipient, RecipientRateLimiter.Kind.REQUEST, 5)).isEqualTo(2);
    }

    @Test
    void onePeerFloodingAnOfferLeavesTheRestOfItsBudgetToOtherPeers() {
        Recipient recipient = recipient("erin");
        NodeId flooder = new NodeId(PrivateKey.random().publicKey());
        NodeId payer = new NodeId(PrivateKey.random().publicKey());

        long flooderServed = IntStream.range(0, 50).filter(i -> limiter.tryAcquireRequest(recipient, flooder).isEmpty()).count();
        assertThat(flooderServed).as("half the burst of 5, rounded up").isEqualTo(3);
        assertThat(limiter.tryAcquireRequest(recipient, flooder)).contains(RecipientRateLimiter.Refusal.PEER_SHARE);

        assertThat(limiter.tryAcquireRequest(recipient, payer)).as("another peer is answered").isEmpty();
        assertThat(limiter.tryAcquireRequest(recipient, payer)).isEmpty();
        assertThat(limiter.tryAcquireRequest(recipient, payer)).as("the recipient's bucket is spent")
                .contains(RecipientRateLimiter.Refusal.RECIPIENT);
    }

    @Test
    void thePeerShareFollowsTheRecipientsOverride() {
        Recipient recipient = recipient("frank");
        recipient.overrideRequestRate(new RateOverride(10, 3_600_000), Instant.now());
        NodeId peer = new NodeId(PrivateKey.random().publicKey());

        assertThat(IntStream.range(0, 20).filter(i -> limiter.tryAcquireRequest(recipient, peer).isEmpty()).count())
                .isEqualTo(5);
    }

    @Test
    void tokensComeBackAtTheRefillRate() {
        RecipientRateLimiter fast = limiter(Map.of("sis.rate-limit.request-refill", "20ms"));
        Recipient recipient = recipient("dave");
        assertThat(IntStream.range(0, 10).filter(i -> fast.tryAcquire(recipient, RecipientRateLimiter.Kind.REQUEST)).count())
                .isEqualTo(5);

        nanos.addAndGet(Duration.ofMillis(19).toNanos());
        assertThat(fast.tryAcquire(recipient, RecipientRateLimiter.Kind.REQUEST)).as("not yet refilled").isFalse();
        nanos.addAndGet(Duration.ofMillis(2).toNanos());
        assertThat(fast.tryAcquire(recipient, RecipientRateLimiter.Kind.REQUEST)).isTrue();
        assertThat(fast.tryAcquire(recipient, RecipientRateLimiter.Kind.REQUEST)).isFalse();
    }

    @Test
    void eachReplicaTakesItsShareOfTheBurstRoundedUp() {
        liveReplicas.set(3);
        Recipient recipient = recipient("gina");
        recipient.overrideRequestRate(new RateOverride(10, 3_600_000), Instant.now());

        assertThat(takes(recipient, RecipientRateLimiter.Kind.REQUEST, 10)).as("10 / 3, rounded up").isEqualTo(4);
        assertThat(takes(recipient, RecipientRateLimiter.Kind.STORE, 10)).as("5 / 3, rounded up").isEqualTo(2);
    }

    @Test
    void aPeersShareIsItsPartOfThisReplicasShare() {
        liveReplicas.set(2);
        Recipient recipient = recipient("hank");
        recipient.overrideRequestRate(new RateOverride(10, 3_600_000), Instant.now());
        NodeId peer = new NodeId(PrivateKey.random().publicKey());

        assertThat(IntStream.range(0, 20).filter(i -> limiter.tryAcquireRequest(recipient, peer).isEmpty()).count())
                .as("half of this replica's 5").isEqualTo(3);
    }

    @Test
    void theShareFollowsTheLiveReplicasWhenOneStops() {
        RecipientRateLimiter limited = limiter(Map.of("sis.rate-limit.request-burst", "6",
                "sis.rate-limit.request-refill", "100ms"));
        Recipient recipient = recipient("ivan");
        liveReplicas.set(3);
        assertThat(takesOver(limited, recipient, Duration.ofMillis(3050)))
                .as("a third of the burst of 6, and of 10 per second for 3.05 s").isEqualTo(2 + 10);

        liveReplicas.set(2);
        assertThat(takesOver(limited, recipient, Duration.ofMillis(3050)))
                .as("half of 10 per second; the drained bucket stays drained as it grows to 3").isEqualTo(15);

        nanos.addAndGet(Duration.ofSeconds(60).toNanos());
        assertThat(takes(limited, recipient, 10)).as("a full bucket: half the burst").isEqualTo(3);
        liveReplicas.set(3);
        assertThat(takes(limited, recipient, 10)).as("still empty when the share shrinks").isZero();
    }

    /** Invoice_requests admitted while one is offered every millisecond for {@code duration}. */
    private long takesOver(RecipientRateLimiter limited, Recipient recipient, Duration duration) {
        long admitted = 0;
        for (long millis = 0; millis < duration.toMillis(); millis++) {
            if (limited.tryAcquire(recipient, RecipientRateLimiter.Kind.REQUEST)) {
                admitted++;
            }
            nanos.addAndGet(1_000_000);
        }
        return admitted;
    }

    private RecipientRateLimiter limiter(Map<String, String> properties) {
        return new RecipientRateLimiter(ProtocolPropertiesFixture.with(properties).rateLimit(), liveReplicas::get,
                nanos::get);
    }

    private int takes(Recipient recipient, RecipientRateLimiter.Kind kind, int attempts) {
        return (int) IntStream.range(0, attempts).filter(i -> limiter.tryAcquire(recipient, kind)).count();
    }

    private static int takes(RecipientRateLimiter limited, Recipient recipient, int attempts) {
        return (int) IntStream.range(0, attempts)
                .filter(i -> limited.tryAcquire(recipient, RecipientRateLimiter.Kind.REQUEST)).count();
    }

    private static Recipient recipient(String id) {
        return new Recipient(id.getBytes(), id, 4, null, Instant.now());
    }
}
