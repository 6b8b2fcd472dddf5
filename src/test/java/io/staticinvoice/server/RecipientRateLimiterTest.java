package io.staticinvoice.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.staticinvoice.config.ProtocolPropertiesFixture;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.wire.NodeId;
import io.staticinvoice.store.RateOverride;
import io.staticinvoice.store.Recipient;
import java.time.Instant;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RecipientRateLimiterTest {

    private final RecipientRateLimiter limiter = new RecipientRateLimiter(ProtocolPropertiesFixture.with(Map.of(
            "sis.rate-limit.request-refill", "1h", "sis.rate-limit.store-refill", "1h")));

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
    void tokensComeBackAtTheRefillRate() throws InterruptedException {
        RecipientRateLimiter fast = new RecipientRateLimiter(ProtocolPropertiesFixture.with(Map.of(
                "sis.rate-limit.request-refill", "20ms")));
        Recipient recipient = recipient("dave");
        IntStream.range(0, 10).forEach(i -> fast.tryAcquire(recipient, RecipientRateLimiter.Kind.REQUEST));
        boolean drained = !fast.tryAcquire(recipient, RecipientRateLimiter.Kind.REQUEST);

        Thread.sleep(100);

        assertThat(drained).isTrue();
        assertThat(fast.tryAcquire(recipient, RecipientRateLimiter.Kind.REQUEST)).isTrue();
    }

    private int takes(Recipient recipient, RecipientRateLimiter.Kind kind, int attempts) {
        return (int) IntStream.range(0, attempts).filter(i -> limiter.tryAcquire(recipient, kind)).count();
    }

    private static Recipient recipient(String id) {
        return new Recipient(id.getBytes(), id, 4, null, Instant.now());
    }
}
