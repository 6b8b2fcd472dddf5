package io.staticinvoice.admin;

import java.time.Duration;

/** A request over the admin API's rate limit; answered 429 with {@code Retry-After}. */
final class RateLimitedException extends RuntimeException {

    private final Duration retryAfter;

    RateLimitedException(Duration retryAfter) {
        super("too many requests from this API key or address; retry after " + seconds(retryAfter) + " s", null,
                false, false);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds until the client's bucket has a token again, at least 1 (the unit of {@code Retry-After}). */
    long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    private static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }
}
