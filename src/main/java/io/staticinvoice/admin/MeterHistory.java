package io.staticinvoice.admin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.staticinvoice.config.ConsoleProperties;
import io.staticinvoice.server.RequestStats;
import io.staticinvoice.store.InvoiceStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * An in-memory ring buffer of the last hour of this replica's own Micrometer meters (the ones the
 * README's metrics table lists) and of the invoice counts, sampled every
 * {@code sis.console.history-interval}, so the operator console can draw live charts without a
 * Prometheus. Counters become per-second rates between two samples.
 */
@Component
public class MeterHistory {

    static final String REQUESTS = "sis.protocol.requests";
    static final String DROPS = "sis.gateway.drops";
    static final String PEERS_CONNECTED = "sis.gateway.peers.connected";
    static final String MAILBOX_SIZE = "sis.gateway.mailbox.size";
    /** The message type whose handling times the charts show: the one payers wait for. */
    static final String CHARTED_MESSAGE = "invoice_request";

    private static final Logger log = LoggerFactory.getLogger(MeterHistory.class);

    private final MeterRegistry meters;
    private final StatsQueries stats;
    private final Clock clock;
    private final ConsoleProperties properties;
    private final ArrayDeque<MeterSample> samples;
    /** Each counter's count at the last sample, to turn counts into rates. */
    private final Map<Meter.Id, Double> lastCounts = new HashMap<>();
    private Instant lastSampleAt;

    MeterHistory(MeterRegistry meters, StatsQueries stats, Clock clock, ConsoleProperties properties) {
        this.meters = meters;
        this.stats = stats;
        this.clock = clock;
        this.properties = properties;
        this.samples = new ArrayDeque<>(properties.historySamples());
        this.lastSampleAt = clock.instant();
    }

    /** Takes one sample, dropping the oldest beyond an hour's worth. */
    @Scheduled(fixedDelayString = "${sis.console.history-interval:10s}",
            initialDelayString = "${sis.console.history-interval:10s}")
    public synchronized void sample() {
        Instant now = clock.instant();
        double seconds = Math.max(Duration.between(lastSampleAt, now).toMillis(), 1) / 1000.0;
        lastSampleAt = now;
        MeterSample sample = new MeterSample(now,
                rates(REQUESTS, "outcome", seconds),
                handlingMillis(),
                (long) gauge(PEERS_CONNECTED),
                (long) gauge(MAILBOX_SIZE),
                rates(DROPS, "reason", seconds),
                invoicesByStatus());
        if (samples.size() == properties.historySamples()) {
            samples.removeFirst();
        }
        samples.addLast(sample);
    }

    /** The samples of the last hour, oldest first. */
    public synchronized MeterHistoryResponse lastHour() {
        return new MeterHistoryResponse(properties.historyInterval().toSeconds(), List.copyOf(samples));
    }

    /** Per-second increase of each counter named {@code name} since the last sample, by {@code tag}; zeros left out. */
    private Map<String, Double> rates(String name, String tag, double seconds) {
        Map<String, Double> rates = new TreeMap<>();
        for (Counter counter : meters.find(name).counters()) {
            double count = counter.count();
            Double before = lastCounts.put(counter.getId(), count);
            double increase = count - (before == null ? 0 : before);
            if (increase > 0) {
                rates.merge(String.valueOf(counter.getId().getTag(tag)), increase / seconds, Double::sum);
            }
        }
        return rates;
    }

    private Map<String, Double> handlingMillis() {
        Timer timer = meters.find(RequestStats.HANDLING).tag("message", CHARTED_MESSAGE).timer();
        Map<String, Double> percentiles = new TreeMap<>();
        if (timer == null) {
            return percentiles;
        }
        for (ValueAtPercentile value : timer.takeSnapshot().percentileValues()) {
            percentiles.put("p" + Math.round(value.percentile() * 100), value.value(TimeUnit.MILLISECONDS));
        }
        // A window with no recording yields zeros, which would chart as instant answers.
        return percentiles.values().stream().allMatch(v -> v == 0) ? Map.of() : percentiles;
    }

    private double gauge(String name) {
        Gauge gauge = meters.find(name).gauge();
        double value = gauge == null ? 0 : gauge.value();
        return Double.isNaN(value) ? 0 : value;
    }

    private Map<InvoiceStatus, Long> invoicesByStatus() {
        try {
            return stats.invoicesByStatus();
        } catch (DataAccessException e) {
            log.warn("Meter history sample without invoice counts: {}", e.toString());
            return Map.of();
        }
    }
}
