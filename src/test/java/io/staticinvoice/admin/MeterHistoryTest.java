package io.staticinvoice.admin;

import static io.staticinvoice.admin.TestApiKeys.operator;
import static io.staticinvoice.admin.TestApiKeys.viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.staticinvoice.config.ConsoleProperties;
import io.staticinvoice.gateway.GatewayMetrics;
import io.staticinvoice.lightning.onion.OnionMessageType;
import io.staticinvoice.server.MutableClock;
import io.staticinvoice.server.RequestStats;
import io.staticinvoice.store.InvoiceStatus;
import io.staticinvoice.store.Recipient;
import io.staticinvoice.support.IntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

/**
 * The console's ring buffer of the server's own meters, fed by the meters the gateway and the
 * protocol handlers register and by the invoice counts in PostgreSQL, and its endpoint. Most tests
 * sample by hand on a registry and clock of their own; those on the application's history allow
 * for its scheduled samples.
 */
@IntegrationTest
class MeterHistoryTest {

    private static final Duration INTERVAL = Duration.ofSeconds(10);

    @Autowired StatsQueries statsQueries;
    @Autowired WebApplicationContext context;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T12:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RequestStats requests = new RequestStats(meters, clock);
    private final GatewayMetrics gateway = new GatewayMetrics(meters);
    private MeterHistory history;
    private AdminTestData data;

    @BeforeEach
    void setUp() {
        history = new MeterHistory(meters, statsQueries, clock, new ConsoleProperties(INTERVAL));
        data = new AdminTestData(context);
    }

    @Test
    void turnsCountersIntoRatesBetweenSamplesAndReadsTheGauges() {
        gateway.gaugePeers(() -> 3);
        gateway.gaugeMailbox(() -> 7, () -> 0);
        for (int i = 0; i < 20; i++) {
            requests.record("served");
        }
        for (int i = 0; i < 5; i++) {
            requests.record("dropped.rate_limited");
        }
        gateway.dropped(GatewayMetrics.Drop.WORKER_POOL_FULL, 10);
        clock.advance(INTERVAL);
        history.sample();

        requests.record("served");
        clock.advance(INTERVAL);
        history.sample();
        clock.advance(INTERVAL);
        history.sample();

        List<MeterSample> samples = history.lastHour().samples();
        assertThat(samples).extracting(MeterSample::at).containsExactly(Instant.parse("2026-12-05T12:00:10Z"),
                Instant.parse("2026-12-05T12:00:20Z"), Instant.parse("2026-12-05T12:00:30Z"));
        MeterSample first = samples.get(0);
        assertThat(first.requestsPerSecond()).containsOnlyKeys("served", "dropped.rate_limited");
        assertThat(first.requestsPerSecond().get("served")).isCloseTo(2.0, within(1e-9));
        assertThat(first.requestsPerSecond().get("dropped.rate_limited")).isCloseTo(0.5, within(1e-9));
        assertThat(first.dropsPerSecond()).containsExactly(Map.entry("worker_pool_full", 1.0));
        assertThat(first.peersConnected()).isEqualTo(3);
        assertThat(first.mailboxSize()).isEqualTo(7);
        assertThat(samples.get(1).requestsPerSecond()).containsExactly(Map.entry("served", 0.1));
        assertThat(samples.get(1).dropsPerSecond()).isEmpty();
        assertThat(samples.get(2).requestsPerSecond()).isEmpty();
    }

    @Test
    void countsInvoicesByStatusFromTheDatabase() {
        history.sample();
        Map<InvoiceStatus, Long> before = history.lastHour().samples().get(0).invoicesByStatus();
        Recipient recipient = data.recipient(AdminTestData.uniqueLabel("history"));
        data.invoice(recipient, 0, InvoiceStatus.PENDING);
        data.invoice(recipient, 1, InvoiceStatus.ACTIVE);
        clock.advance(INTERVAL);
        history.sample();

        Map<InvoiceStatus, Long> after = history.lastHour().samples().get(1).invoicesByStatus();
        assertThat(after).containsOnlyKeys(InvoiceStatus.values());
        assertThat(after.get(InvoiceStatus.PENDING)).isGreaterThanOrEqualTo(before.get(InvoiceStatus.PENDING) + 1);
        assertThat(after.get(InvoiceStatus.ACTIVE)).isGreaterThanOrEqualTo(before.get(InvoiceStatus.ACTIVE) + 1);
    }

    @Test
    void showsInvoiceRequestHandlingPercentilesOnlyWhenThereWereRequests() {
        history.sample();
        for (int millis = 1; millis <= 100; millis++) {
            requests.recordHandling(OnionMessageType.INVOICE_REQUEST, Duration.ofMillis(millis));
        }
        requests.recordHandling(OnionMessageType.SERVE_STATIC_INVOICE, Duration.ofSeconds(5));
        clock.advance(INTERVAL);
        history.sample();

        List<MeterSample> samples = history.lastHour().samples();
        assertThat(samples.get(0).handlingMillis()).isEmpty();
        Map<String, Double> percentiles = samples.get(1).handlingMillis();
        assertThat(percentiles).containsOnlyKeys("p50", "p90", "p99");
        assertThat(percentiles.get("p50")).isBetween(40.0, 60.0);
        assertThat(percentiles.get("p99")).isBetween(90.0, 110.0);
    }

    @Test
    void keepsOneHourOfSamplesAndDropsTheOldest() {
        MeterHistory tenMinutes = new MeterHistory(meters, statsQueries, clock,
                new ConsoleProperties(Duration.ofMinutes(10)));
        for (int i = 0; i < 8; i++) {
            clock.advance(Duration.ofMinutes(10));
            tenMinutes.sample();
        }

        MeterHistoryResponse response = tenMinutes.lastHour();
        assertThat(response.intervalSeconds()).isEqualTo(600);
        assertThat(response.samples()).hasSize(6);
        assertThat(response.samples().get(0).at()).isEqualTo(Instant.parse("2026-12-05T12:30:00Z"));
        assertThat(response.samples().get(5).at()).isEqualTo(Instant.parse("2026-12-05T13:20:00Z"));
    }

    @Test
    void readsTheApplicationsOwnMeters() {
        MeterHistory application = context.getBean(MeterHistory.class);
        RequestStats applicationRequests = context.getBean(RequestStats.class);
        Instant recorded = context.getBean(Clock.class).instant();
        for (int millis = 1; millis <= 10; millis++) {
            applicationRequests.recordHandling(OnionMessageType.INVOICE_REQUEST, Duration.ofMillis(millis));
        }
        applicationRequests.record("served");
        application.sample();

        List<MeterSample> since = application.lastHour().samples().stream()
                .filter(sample -> !sample.at().isBefore(recorded)).toList();
        MeterSample last = since.get(since.size() - 1);
        assertThat(last.handlingMillis()).containsOnlyKeys("p50", "p90", "p99");
        assertThat(last.handlingMillis().get("p99")).isPositive();
        assertThat(since).anySatisfy(sample -> assertThat(sample.requestsPerSecond()).containsKey("served"));
    }

    @Test
    void theEndpointServesTheApplicationsHistoryToAnyKey() throws Exception {
        MockMvc mvc = AdminTestData.mockMvc(context);
        context.getBean(MeterHistory.class).sample();

        mvc.perform(get("/api/v1/stats/history").with(viewer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.intervalSeconds").value(10))
                .andExpect(jsonPath("$.samples[0].at").isString())
                .andExpect(jsonPath("$.samples[0].peersConnected").isNumber())
                .andExpect(jsonPath("$.samples[0].invoicesByStatus.PENDING").isNumber());
        mvc.perform(get("/api/v1/stats/history")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/stats/history").with(operator())).andExpect(status().isOk());
    }
}
