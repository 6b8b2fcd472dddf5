package io.staticinvoice.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the REST admin API ({@code sis.admin.limits.*}): how large a request body may be and
 * how many requests one API key and one client IP may make (token buckets kept in memory, per
 * replica).
 *
 * @param maxBodySize       largest request body accepted; larger ones are answered 413 unread
 * @param rate              requests per API key, and separately per client IP
 * @param maxTrackedClients API keys and client IPs whose buckets are kept; the least recently used go beyond it
 */
@Validated
@ConfigurationProperties(prefix = "sis.admin.limits")
public record AdminLimitsProperties(
        @DefaultValue("64KB") @NotNull DataSize maxBodySize,
        @Valid @NotNull @DefaultValue Rate rate,
        @DefaultValue("10000") @Min(1) int maxTrackedClients) {

    /**
     * A token bucket: {@code burst} requests at once, one more every {@code 1/perSecond} seconds.
     *
     * @param perSecond sustained requests per second
     * @param burst     requests accepted at once after a quiet period
     */
    public record Rate(@DefaultValue("20") @Positive double perSecond,
                       @DefaultValue("100") @Min(1) int burst) {
    }
}
