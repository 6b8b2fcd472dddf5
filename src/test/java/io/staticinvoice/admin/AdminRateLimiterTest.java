package io.staticinvoice.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.staticinvoice.config.AdminLimitsProperties;
import io.staticinvoice.server.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class AdminRateLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    private final AdminRateLimiter limiter = new AdminRateLimiter(
            new AdminLimitsProperties(DataSize.ofKilobytes(64), new AdminLimitsProperties.Rate(2, 3), 2), clock);

    @Test
    void aBurstThenOneRequestPerRefill() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("ip:a")).isEmpty();
        }
        assertThat(limiter.tryAcquire("ip:a")).hasValueSatisfying(wait ->
                assertThat(wait).isBetween(Duration.ofMillis(499), Duration.ofMillis(501)));
        clock.advance(Duration.ofMillis(400));
        assertThat(limiter.tryAcquire("ip:a")).hasValueSatisfying(wait ->
                assertThat(wait).isBetween(Duration.ofMillis(99), Duration.ofMillis(101)));
        clock.advance(Duration.ofMillis(110));
        assertThat(limiter.tryAcquire("ip:a")).isEmpty();
        assertThat(limiter.tryAcquire("ip:a")).isPresent();
    }

    @Test
    void clientsHaveTheirOwnBucketsAndTheLeastRecentlyUsedAreForgotten() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("ip:a");
        }
        assertThat(limiter.tryAcquire("ip:a")).isPresent();
        assertThat(limiter.tryAcquire("key:b")).isEmpty();
        assertThat(limiter.tryAcquire("key:c")).isEmpty();
        assertThat(limiter.tryAcquire("ip:a")).as("forgotten beyond 2 tracked clients: a full bucket again").isEmpty();
    }
}
