package io.staticinvoice.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.staticinvoice.lightning.onion.OnionMessageType;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RequestStatsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T12:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RequestStats stats = new RequestStats(meters, clock);

    @Test
    void countsOutcomesOverTheLastHourAndForgetsOlderOnes() {
        stats.record("served");
        clock.advance(Duration.ofMinutes(30));
        stats.record("served");
        stats.record("dropped.rate_limited");

        assertThat(stats.lastHour()).isEqualTo(Map.of("served", 2L, "dropped.rate_limited", 1L));

        clock.advance(Duration.ofMinutes(31));
        assertThat(stats.lastHour()).isEqualTo(Map.of("served", 1L, "dropped.rate_limited", 1L));

        clock.advance(Duration.ofHours(2));
        assertThat(stats.lastHour()).isEmpty();
    }

    @Test
    void aMinuteBucketIsReusedAnHourLaterWithoutItsOldCount() {
        stats.record("served");
        clock.advance(Duration.ofMinutes(60));
        stats.record("served");

        assertThat(stats.lastHour()).containsEntry("served", 1L);
    }

    @Test
    void mirrorsEveryOutcomeToMicrometer() {
        stats.record("dropped.forged_context");
        stats.record("dropped.forged_context");

        assertThat(meters.get("sis.protocol.requests").tag("outcome", "dropped.forged_context").counter().count())
                .isEqualTo(2.0);
    }

    @Test
    void timesHandlingPerMessageTypeWithPercentiles() {
        for (int millis = 1; millis <= 100; millis++) {
            stats.recordHandling(OnionMessageType.INVOICE_REQUEST, Duration.ofMillis(millis));
        }
        stats.recordHandling(OnionMessageType.SERVE_STATIC_INVOICE, Duration.ofMillis(7));

        Timer requests = meters.get(RequestStats.HANDLING).tag("message", "invoice_request").timer();
        assertThat(requests.count()).isEqualTo(100);
        assertThat(requests.max(TimeUnit.MILLISECONDS)).isEqualTo(100);
        assertThat(Arrays.stream(requests.takeSnapshot().percentileValues()).mapToDouble(ValueAtPercentile::percentile).toArray())
                .containsExactly(RequestStats.HANDLING_PERCENTILES);
        assertThat(meters.get(RequestStats.HANDLING).tag("message", "serve_static_invoice").timer().count())
                .isEqualTo(1);
    }
}
