package io.staticinvoice.admin;

import io.staticinvoice.config.AdminLimitsProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The admin API's request rate limit: a token bucket per client (an API key's name, a client IP),
 * {@code sis.admin.limits.rate.burst} requests at once and {@code per-second} more each second.
 * Buckets live in memory, at most {@code max-tracked-clients} of them (the least recently used
 * are forgotten, which only ever gives a forgotten client a full bucket again).
 */
final class AdminRateLimiter {

    private static final double NANOS_PER_SECOND = 1e9;

    private final Clock clock;
    private final double tokensPerNano;
    private final int burst;
    private final Map<String, Bucket> buckets;

    AdminRateLimiter(AdminLimitsProperties limits, Clock clock) {
        this.clock = clock;
        this.tokensPerNano = limits.rate().perSecond() / NANOS_PER_SECOND;
        this.burst = limits.rate().burst();
        int maxTracked = limits.maxTrackedClients();
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxTracked;
            }
        };
    }

    private static final class Bucket {
        private double tokens;
        private long lastRefillNanos;
    }

    /** Takes a token of {@code client}'s bucket; empty if there was one, else the wait until there is. */
    synchronized Optional<Duration> tryAcquire(String client) {
        long now = nanos();
        Bucket bucket = buckets.get(client);
        if (bucket == null) {
            bucket = new Bucket();
            bucket.tokens = burst;
            bucket.lastRefillNanos = now;
            buckets.put(client, bucket);
        }
        bucket.tokens = Math.min(burst, bucket.tokens + Math.max(0, now - bucket.lastRefillNanos) * tokensPerNano);
        bucket.lastRefillNanos = now;
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos((long) Math.ceil((1 - bucket.tokens) / tokensPerNano)));
    }

    private long nanos() {
        var instant = clock.instant();
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
