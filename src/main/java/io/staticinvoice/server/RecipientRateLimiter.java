package io.staticinvoice.server;

import io.staticinvoice.config.ProtocolProperties;
import io.staticinvoice.gateway.TokenBucket;
import io.staticinvoice.lightning.wire.NodeId;
import io.staticinvoice.store.RateOverride;
import io.staticinvoice.store.Recipient;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Per-recipient token buckets, like ldk-node's static invoice store: one for payers'
 * invoice_requests and one for the recipient's own OfferPathsRequest/ServeStaticInvoice. A
 * recipient's overrides (set over the admin API) replace the configured defaults. Messages over
 * the limit are dropped, never queued. At most {@code max-tracked-recipients} buckets are kept,
 * the least recently used evicted first.
 *
 * <p>Within a recipient's invoice_request bucket, requests are budgeted by source: those that
 * arrive from one peer connection (the node that handed us the onion message, see
 * {@link io.staticinvoice.gateway.ReceivedMessage#receivedFrom}) draw first from a sub-bucket of
 * their own, {@code request-peer-share} of the recipient's burst (rounded up) and rate, and only
 * then from the recipient's bucket. So a payer flooding an offer from one connection uses at most
 * that share, and the rest stays for other payers. Onion routing hides the payer itself: payers
 * behind the same peer (an LSP, say) share its sub-bucket.
 */
@Component
public class RecipientRateLimiter {

    /** Which bucket a message draws from. */
    public enum Kind { REQUEST, STORE }

    /** Why an invoice_request got no token, if it did not. */
    public enum Refusal { PEER_SHARE, RECIPIENT }

    private final ProtocolProperties.RateLimit settings;
    private final Map<BucketKey, LimitedBucket> buckets;
    private final Map<PeerKey, LimitedBucket> peerBuckets;

    public RecipientRateLimiter(ProtocolProperties properties) {
        this.settings = properties.rateLimit();
        this.buckets = leastRecentlyUsed(settings.maxTrackedRecipients());
        this.peerBuckets = leastRecentlyUsed(settings.maxTrackedRecipients());
    }

    private static <K> Map<K, LimitedBucket> leastRecentlyUsed(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, LimitedBucket> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Takes a token from the recipient's bucket; false means the message must be dropped. */
    public boolean tryAcquire(Recipient recipient, Kind kind) {
        RateOverride rate = effectiveRate(recipient, kind);
        return take(buckets, new BucketKey(ByteBuffer.wrap(recipient.getRecipientId()), kind), rate);
    }

    /**
     * Takes a token for an invoice_request that {@code source} handed us: from the source's share
     * of the recipient's bucket, then from the bucket itself (see the class comment).
     *
     * @return why it must be dropped, or empty when it may be answered
     */
    public Optional<Refusal> tryAcquireRequest(Recipient recipient, NodeId source) {
        RateOverride rate = effectiveRate(recipient, Kind.REQUEST);
        RateOverride share = new RateOverride((int) Math.ceil(rate.burst() * settings.requestPeerShare()),
                (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(rate.refillMillis() / settings.requestPeerShare()))));
        if (!take(peerBuckets, new PeerKey(ByteBuffer.wrap(recipient.getRecipientId()), source), share)) {
            return Optional.of(Refusal.PEER_SHARE);
        }
        return tryAcquire(recipient, Kind.REQUEST) ? Optional.empty() : Optional.of(Refusal.RECIPIENT);
    }

    private static <K> boolean take(Map<K, LimitedBucket> buckets, K key, RateOverride rate) {
        LimitedBucket bucket;
        synchronized (buckets) {
            bucket = buckets.get(key);
            if (bucket == null || !bucket.rate().equals(rate)) {
                bucket = new LimitedBucket(rate, new TokenBucket(perSecond(rate), rate.burst(), System::nanoTime));
                buckets.put(key, bucket);
            }
        }
        synchronized (bucket) {
            return bucket.tokens().tryTake();
        }
    }

    private RateOverride effectiveRate(Recipient recipient, Kind kind) {
        Optional<RateOverride> override = kind == Kind.REQUEST
                ? recipient.getRequestRateOverride() : recipient.getStoreRateOverride();
        return override.orElseGet(() -> kind == Kind.REQUEST
                ? new RateOverride(settings.requestBurst(), millis(settings.requestRefill()))
                : new RateOverride(settings.storeBurst(), millis(settings.storeRefill())));
    }

    private static int millis(Duration duration) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
    }

    private static double perSecond(RateOverride rate) {
        return 1000.0 / rate.refillMillis();
    }

    private record BucketKey(ByteBuffer recipientId, Kind kind) {
    }

    private record PeerKey(ByteBuffer recipientId, NodeId source) {
    }

    private record LimitedBucket(RateOverride rate, TokenBucket tokens) {
    }
}
