package io.staticinvoice.server;

import io.staticinvoice.config.ProtocolProperties;
import io.staticinvoice.gateway.TokenBucket;
import io.staticinvoice.lightning.wire.NodeId;
import io.staticinvoice.replica.ReplicaHeartbeat;
import io.staticinvoice.store.RateOverride;
import io.staticinvoice.store.Recipient;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
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
 *
 * <p>The buckets are the node's, not this replica's ({@code sis.rate-limit.node-wide}): this
 * replica keeps its share of each, the rate divided by the live replicas
 * ({@link ReplicaHeartbeat#liveCount()}) and the burst too, rounded up; a peer's sub-bucket is its
 * share of that share. The count is read from memory at every message, and a bucket whose share
 * changed since its last use is reshaped then, keeping how full it was. So the node admits no
 * more than its rate and, from the rounding, fewer than one token per replica beyond its burst,
 * within the tolerance the README's "Scaling" states while replicas come and go.
 */
@Component
public class RecipientRateLimiter {

    /** Which bucket a message draws from. */
    public enum Kind { REQUEST, STORE }

    /** Why an invoice_request got no token, if it did not. */
    public enum Refusal { PEER_SHARE, RECIPIENT }

    private final ProtocolProperties.RateLimit settings;
    private final IntSupplier liveReplicas;
    private final LongSupplier nanoClock;
    private final Map<BucketKey, ShapedBucket> buckets;
    private final Map<PeerKey, ShapedBucket> peerBuckets;

    @Autowired
    public RecipientRateLimiter(ProtocolProperties properties, ReplicaHeartbeat replicas) {
        this(properties.rateLimit(), properties.rateLimit().nodeWide() ? replicas::liveCount : () -> 1, System::nanoTime);
    }

    /**
     * @param liveReplicas the replicas sharing the buckets, this one included (read at every message)
     * @param nanoClock    the buckets' time source, in nanoseconds
     */
    public RecipientRateLimiter(ProtocolProperties.RateLimit settings, IntSupplier liveReplicas, LongSupplier nanoClock) {
        this.settings = settings;
        this.liveReplicas = liveReplicas;
        this.nanoClock = nanoClock;
        this.buckets = leastRecentlyUsed(settings.maxTrackedRecipients());
        this.peerBuckets = leastRecentlyUsed(settings.maxTrackedRecipients());
    }

    private static <K> Map<K, ShapedBucket> leastRecentlyUsed(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, ShapedBucket> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Takes a token from the recipient's bucket; false means the message must be dropped. */
    public boolean tryAcquire(Recipient recipient, Kind kind) {
        return take(buckets, new BucketKey(ByteBuffer.wrap(recipient.getRecipientId()), kind), share(recipient, kind));
    }

    /**
     * Takes a token for an invoice_request that {@code source} handed us: from the source's share
     * of the recipient's bucket, then from the bucket itself (see the class comment).
     *
     * @return why it must be dropped, or empty when it may be answered
     */
    public Optional<Refusal> tryAcquireRequest(Recipient recipient, NodeId source) {
        Share share = share(recipient, Kind.REQUEST);
        if (!take(peerBuckets, new PeerKey(ByteBuffer.wrap(recipient.getRecipientId()), source),
                share.part(settings.requestPeerShare()))) {
            return Optional.of(Refusal.PEER_SHARE);
        }
        return take(buckets, new BucketKey(ByteBuffer.wrap(recipient.getRecipientId()), Kind.REQUEST), share)
                ? Optional.empty() : Optional.of(Refusal.RECIPIENT);
    }

    private <K> boolean take(Map<K, ShapedBucket> buckets, K key, Share share) {
        ShapedBucket bucket;
        synchronized (buckets) {
            bucket = buckets.computeIfAbsent(key, absent -> new ShapedBucket(share, nanoClock));
        }
        synchronized (bucket) {
            return bucket.tryTake(share);
        }
    }

    /** This replica's share of the recipient's bucket of {@code kind}, its override or the configured default. */
    private Share share(Recipient recipient, Kind kind) {
        Optional<RateOverride> override = kind == Kind.REQUEST
                ? recipient.getRequestRateOverride() : recipient.getStoreRateOverride();
        Share node = override.map(rate -> new Share(rate.burst(), 1000.0 / rate.refillMillis()))
                .orElseGet(() -> kind == Kind.REQUEST
                        ? new Share(settings.requestBurst(), 1e9 / Math.max(1, settings.requestRefill().toNanos()))
                        : new Share(settings.storeBurst(), 1e9 / Math.max(1, settings.storeRefill().toNanos())));
        return node.perReplica(Math.max(1, liveReplicas.getAsInt()));
    }

    /** A bucket's size and rate. */
    private record Share(int burst, double perSecond) {

        /** One of {@code replicas} equal shares: the rate divided, and the burst divided rounded up. */
        Share perReplica(int replicas) {
            return new Share((int) (((long) burst + replicas - 1) / replicas), perSecond / replicas);
        }

        /** {@code fraction} of this bucket: of its rate, and of its burst rounded up. */
        Share part(double fraction) {
            return new Share((int) Math.ceil(burst * fraction), perSecond * fraction);
        }
    }

    /** A token bucket and the share it has now; reshaped when it is asked with another one. */
    private static final class ShapedBucket {

        private final TokenBucket tokens;
        private Share shape;

        ShapedBucket(Share shape, LongSupplier nanoClock) {
            this.tokens = new TokenBucket(shape.perSecond(), shape.burst(), nanoClock);
            this.shape = shape;
        }

        boolean tryTake(Share current) {
            if (!current.equals(shape)) {
                tokens.reshape(current.perSecond(), current.burst());
                shape = current;
            }
            return tokens.tryTake();
        }
    }

    private record BucketKey(ByteBuffer recipientId, Kind kind) {
    }

    private record PeerKey(ByteBuffer recipientId, NodeId source) {
    }
}
