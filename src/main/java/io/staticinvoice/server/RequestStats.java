package io.staticinvoice.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.staticinvoice.lightning.onion.OnionMessageType;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import org.springframework.stereotype.Component;

/**
 * Outcomes of protocol requests on this replica (served, dropped by reason), kept per minute
 * for the last hour for {@code /api/v1/stats} and mirrored to the Micrometer counter
 * {@code sis.protocol.requests}; and how long handling each protocol message took, as the timer
 * {@code sis.protocol.handling} with its 50th, 90th and 99th percentiles.
 */
@Component
public class RequestStats {

    /** The timer of protocol message handling, tagged {@code message} with the message type. */
    public static final String HANDLING = "sis.protocol.handling";
    /** The percentiles {@link #HANDLING} publishes. */
    public static final double[] HANDLING_PERCENTILES = {0.5, 0.9, 0.99};

    private static final int MINUTES = 60;
    private static final String METER = "sis.protocol.requests";
    /** Outcomes that {@code deploy/grafana} and {@code deploy/prometheus} query. */
    static final List<String> WATCHED_OUTCOMES = List.of("served", "dropped.rate_limited", "dropped.database_error");

    private final Map<String, AtomicLongArray> perMinute = new ConcurrentHashMap<>();
    private final Map<String, AtomicLongArray> minuteStamps = new ConcurrentHashMap<>();
    private final Map<OnionMessageType, Timer> handlingTimers = new ConcurrentHashMap<>();
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

    /**
     * Times the handling of one protocol message, from its handler taking it to its answer handed
     * to the gateway (or its drop), e.g. {@code invoice_request}.
     */
    public void recordHandling(OnionMessageType message, Duration took) {
        handlingTimers.computeIfAbsent(message, type -> Timer.builder(HANDLING)
                .description("Handling of a protocol message, from its handler taking it to its answer or drop")
                .tag("message", type.name().toLowerCase(Locale.ROOT))
                .publishPercentiles(HANDLING_PERCENTILES)
                .register(meters)).record(took);
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
