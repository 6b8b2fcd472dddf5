package io.staticinvoice.server;

import io.staticinvoice.config.ProtocolProperties;
import io.staticinvoice.gateway.TokenBucket;
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
 */
@Component
public class RecipientRateLimiter {

    /** Which bucket a message draws from. */
    public enum Kind { REQUEST, STORE }

    private final ProtocolProperties.RateLimit settings;
    private final Map<BucketKey, LimitedBucket> buckets;

    public RecipientRateLimiter(ProtocolProperties properties) {
        this.settings = properties.rateLimit();
        int capacity = settings.maxTrackedRecipients();
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<BucketKey, LimitedBucket> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Takes a token for the recipient; false means the message must be dropped. */
    public boolean tryAcquire(Recipient recipient, Kind kind) {
        RateOverride rate = effectiveRate(recipient, kind);
        BucketKey key = new BucketKey(ByteBuffer.wrap(recipient.getRecipientId()), kind);
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

    private record LimitedBucket(RateOverride rate, TokenBucket tokens) {
    }
}
