package io.staticinvoice.config;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the health checks behind the readiness and liveness probes ({@code sis.health.*}).
 *
 * @param databaseTimeout       how long the readiness check waits for the database, to connect and to answer
 *                              (whole seconds: PostgreSQL's driver counts its timeouts in seconds)
 * @param eventLoopHeartbeat    how often each Netty event loop of the gateway records that it runs
 * @param eventLoopStallTimeout liveness fails when an event loop has not run its heartbeat for this long
 */
@Validated
@ConfigurationProperties(prefix = "sis.health")
public record HealthProperties(
        @DefaultValue("1s") @NotNull @DurationMin(seconds = 1) Duration databaseTimeout,
        @DefaultValue("1s") @NotNull @DurationMin(millis = 10) Duration eventLoopHeartbeat,
        @DefaultValue("30s") @NotNull @DurationMin(seconds = 1) Duration eventLoopStallTimeout) {
}
