package io.staticinvoice.gateway;

import java.util.function.LongSupplier;

/**
 * A token bucket: {@code burst} tokens, refilled continuously at {@code perSecond}. Limits how
 * many onion messages and pings one peer may send, and (in the server package) how many messages
 * one recipient may receive or send. Not thread-safe: each connection's event loop owns its
 * bucket, and other owners take a lock around it.
 */
public final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1e9;

    private final LongSupplier nanoClock;
    private double capacity;
    private double tokensPerNano;
    private double tokens;
    private long lastRefill;

    public TokenBucket(double perSecond, int burst, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        shape(perSecond, burst);
        this.tokens = burst;
        this.lastRefill = nanoClock.getAsLong();
    }

    /** Takes one token if there is one. */
    public boolean tryTake() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Adds one token, up to the bucket's size. */
    public void give() {
        refill();
        tokens = Math.min(capacity, tokens + 1);
    }

    /**
     * Changes the rate and size from now on. The bucket keeps the share of its size that it holds
     * (refilled at the old rate up to now), so a full bucket stays full and an empty one empty.
     */
    public void reshape(double perSecond, int burst) {
        refill();
        double fill = tokens / capacity;
        shape(perSecond, burst);
        tokens = fill * capacity;
    }

    private void shape(double perSecond, int burst) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate must be positive and burst at least 1");
        }
        capacity = burst;
        tokensPerNano = perSecond / NANOS_PER_SECOND;
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(capacity, tokens + (now - lastRefill) * tokensPerNano);
        lastRefill = now;
    }
}
