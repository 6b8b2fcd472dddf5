package io.staticinvoice.server;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import org.springframework.stereotype.Component;

/**
 * Outcomes of protocol requests on this replica (served, dropped by reason), kept per minute
 * for the last hour for {@code /api/v1/stats} and mirrored to the Micrometer counter
 * {@code sis.protocol.requests}.
 */
@Component
public class RequestStats {

    private static final int MINUTES = 60;
    private static final String METER = "sis.protocol.requests";
    /** Outcomes that {@code deploy/grafana} and {@code deploy/prometheus} query. */
    static final List<String> WATCHED_OUTCOMES = List.of("served", "dropped.rate_limited", "dropped.database_error");

    private final Map<String, AtomicLongArray> perMinute = new ConcurrentHashMap<>();
    private final Map<String, AtomicLongArray> minuteStamps = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final Clock clock;

    /** Registers the outcomes that the shipped dashboard and alerts watch at zero, so their series exist from the start. */
    public RequestStats(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
        WATCHED_OUTCOMES.forEach(outcome -> meters.counter(METER, "outcome", outcome));
    }

    /** Counts one request outcome, e.g. {@code served} or {@code dropped.expired_context}. */
    public void record(String outcome) {
        meters.counter(METER, "outcome", outcome).increment();
        long minute = currentMinute();
        int index = (int) (minute % MINUTES);
        AtomicLongArray counts = perMinute.computeIfAbsent(outcome, k -> new AtomicLongArray(MINUTES));
        AtomicLongArray stamps = minuteStamps.computeIfAbsent(outcome, k -> new AtomicLongArray(MINUTES));
        synchronized (counts) {
            if (stamps.get(index) != minute) {
                stamps.set(index, minute);
                counts.set(index, 0);
            }
            counts.incrementAndGet(index);
        }
    }

    /** Outcome to count over the last 60 minutes, sorted by outcome. */
    public Map<String, Long> lastHour() {
        long minute = currentMinute();
        Map<String, Long> totals = new TreeMap<>();
        perMinute.forEach((outcome, counts) -> {
            AtomicLongArray stamps = minuteStamps.get(outcome);
            long sum = 0;
            synchronized (counts) {
                for (int i = 0; i < MINUTES; i++) {
                    if (minute - stamps.get(i) < MINUTES) {
                        sum += counts.get(i);
                    }
                }
            }
            if (sum > 0) {
                totals.put(outcome, sum);
            }
        });
        return totals;
    }

    private long currentMinute() {
        return clock.millis() / Duration.ofMinutes(1).toMillis();
    }
}
