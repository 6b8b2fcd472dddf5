package io.staticinvoice.admin;

import io.staticinvoice.store.RateOverride;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * A per-recipient token bucket overriding {@code sis.rate-limit.*}: {@code burst} messages at
 * once, then one more every {@code refillMillis}, on the whole node (see {@code RecipientRateLimiter}).
 */
@Schema(description = "Token bucket overriding the server-wide rate limit for one recipient; like the "
        + "configured limit it holds for the node as a whole, each replica taking its share (sis.rate-limit.node-wide)")
record RateLimitSetting(@Schema(description = "messages accepted in a burst", example = "20")
                        @NotNull @Min(1) @Max(1_000_000) Integer burst,
                        @Schema(description = "milliseconds to refill one token", example = "250")
                        @NotNull @Min(1) @Max(86_400_000) Integer refillMillis) {

    static RateLimitSetting of(RateOverride override) {
        return new RateLimitSetting(override.burst(), override.refillMillis());
    }

    RateOverride toOverride() {
        return new RateOverride(burst, refillMillis);
    }
}
