package io.staticinvoice.store;

import java.util.Optional;

/** A per-recipient token-bucket setting: bucket size and milliseconds per refilled token. */
public record RateOverride(int burst, int refillMillis) {

    public RateOverride {
        if (burst <= 0 || refillMillis <= 0) {
            throw new IllegalArgumentException("burst and refillMillis must be positive");
        }
    }

    static Optional<RateOverride> of(Integer burst, Integer refillMillis) {
        return burst == null || refillMillis == null
                ? Optional.empty()
                : Optional.of(new RateOverride(burst, refillMillis));
    }
}
