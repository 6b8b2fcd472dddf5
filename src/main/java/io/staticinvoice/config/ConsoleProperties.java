package io.staticinvoice.config;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the operator console's live charts ({@code sis.console.*}).
 *
 * @param historyInterval how often the server samples its own meters into the last hour's ring
 *                        buffer served by {@code /api/v1/stats/history}; the buffer keeps one
 *                        hour of samples (360 at the default)
 */
@Validated
@ConfigurationProperties(prefix = "sis.console")
public record ConsoleProperties(
        @DefaultValue("10s") @NotNull @DurationMin(seconds = 1) @DurationMax(minutes = 10) Duration historyInterval) {

    /** Samples kept: one hour's worth. */
    public int historySamples() {
        long hour = Duration.ofHours(1).toMillis();
        return (int) ((hour + historyInterval.toMillis() - 1) / historyInterval.toMillis());
    }
}
