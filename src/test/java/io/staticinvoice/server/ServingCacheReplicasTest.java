package io.staticinvoice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.staticinvoice.StaticInvoiceServerApplication;
import io.staticinvoice.check.Payer;
import io.staticinvoice.gateway.LightningGateway;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.reference.ReferenceRecipient;
import io.staticinvoice.server.ProtocolHarness.Handover;
import io.staticinvoice.server.RecipientService.Registration;
import io.staticinvoice.store.StoredInvoice;
import io.staticinvoice.store.StoredInvoiceRepository;
import io.staticinvoice.support.IntegrationTest;
import io.staticinvoice.support.TestDatabaseInitializer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two server instances, one database and one node key, as two replicas: the wallet hands its
 * invoices to replica A (this test's context), payers ask replica B, which answers from memory.
 * Whatever changes through A is never served by B once B received the change's notification, and
 * B, having lost its LISTEN connection, reads the database until it listens again.
 */
@IntegrationTest
class ServingCacheReplicasTest {

    private static final String NODE_KEY = java.util.HexFormat.of().formatHex(PrivateKey.random().bytes());
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static ConfigurableApplicationContext replicaB;

    @DynamicPropertySource
    static void oneNode(DynamicPropertyRegistry registry) {
        registry.add("sis.node.private-key", () -> NODE_KEY);
    }

    @Autowired ProtocolHarness harness;
    @Autowired InvoiceService invoiceService;
    @Autowired StoredInvoiceRepository invoices;
    @Autowired DataSource dataSource;

    @BeforeAll
    static void startReplicaB() {
        replicaB = new SpringApplicationBuilder(StaticInvoiceServerApplication.class)
                .profiles("test")
                .initializers(new TestDatabaseInitializer())
                .properties(Map.of("sis.node.private-key", NODE_KEY, "server.port", "0"))
                .run();
    }

    @AfterAll
    static void stopReplicaB() {
        replicaB.close();
    }

    @Test
    void replacedAndRevokedInvoicesAreNotServedByTheOtherReplicaOnceNotified() throws Exception {
        Registration registration = harness.register(null);
        try (ReferenceRecipient recipient = harness.recipient(PrivateKey.random());
             Payer payer = payerOnB()) {
            Handover first = harness.handOver(recipient, registration, 0, ProtocolHarness.TIMEOUT);
            assertThat(ask(payer, first)).isEqualTo(first.invoice());
            double hitsBefore = counter("sis.serving.cache.lookups", "hit");
            assertThat(ask(payer, first)).as("the second answer comes from memory").isEqualTo(first.invoice());
            assertThat(counter("sis.serving.cache.lookups", "hit")).isGreaterThan(hitsBefore);

            double invalidations = counter("sis.serving.cache.invalidations", null);
            Handover second = harness.handOver(recipient, registration, 0, ProtocolHarness.TIMEOUT);
            awaitInvalidationAfter(invalidations);
            assertThat(ask(payer, first)).as("the replacement, once notified").isEqualTo(second.invoice());

            invalidations = counter("sis.serving.cache.invalidations", null);
            long notActive = droppedOnB("invoice_not_active");
            invoiceService.revoke(currentInvoiceId(registration), "lost phone", "test");
            awaitInvalidationAfter(invalidations);
            payer.request(first.offer(), payer.invoiceRequest(first.offer()), true);
            await().atMost(WAIT).until(() -> droppedOnB("invoice_not_active") > notActive);
        }
    }

    @Test
    void aReplicaThatLostItsListenerReadsTheDatabaseUntilItListensAgain() throws Exception {
        Registration registration = harness.register(null);
        try (ReferenceRecipient recipient = harness.recipient(PrivateKey.random());
             Payer payer = payerOnB()) {
            Handover handover = harness.handOver(recipient, registration, 0, ProtocolHarness.TIMEOUT);
            assertThat(ask(payer, handover)).isEqualTo(handover.invoice());
            ServingInvalidations listenerB = replicaB.getBean(ServingInvalidations.class);
            long sessions = listenerB.sessionsStarted();

            terminateServingListeners();
            revokeWithoutNotification(currentInvoiceId(registration));
            await().atMost(WAIT).until(() -> listenerB.sessionsStarted() > sessions);

            long notActive = droppedOnB("invoice_not_active");
            payer.request(handover.offer(), payer.invoiceRequest(handover.offer()), true);
            await().atMost(WAIT).until(() -> droppedOnB("invoice_not_active") > notActive);
        }
    }

    /** A payer connected to replica B, once B listens for invalidations (before that it keeps nothing in memory). */
    private Payer payerOnB() throws Exception {
        await().atMost(WAIT).until(() -> replicaB.getBean(ServingCache.class).isListening());
        LightningGateway gateway = replicaB.getBean(LightningGateway.class);
        Payer payer = new Payer(PrivateKey.random(), "bitcoin");
        payer.start();
        payer.connect(gateway.nodeId(), gateway.boundAddress());
        return payer;
    }

    private static byte[] ask(Payer payer, Handover handover) throws Exception {
        payer.request(handover.offer(), payer.invoiceRequest(handover.offer()), true);
        return payer.staticInvoice(WAIT).orElseThrow(() -> new AssertionError("no static invoice from replica B"));
    }

    private void awaitInvalidationAfter(double invalidations) {
        await().atMost(WAIT).until(() -> counter("sis.serving.cache.invalidations", null) > invalidations);
    }

    private static double counter(String name, String result) {
        MeterRegistry meters = replicaB.getBean(MeterRegistry.class);
        var search = meters.find(name);
        if (result != null) {
            search = search.tag("result", result);
        }
        return search.counter() == null ? 0 : search.counter().count();
    }

    private static long droppedOnB(String reason) {
        return replicaB.getBean(RequestStats.class).lastHour().getOrDefault("dropped." + reason, 0L);
    }

    private long currentInvoiceId(Registration registration) {
        return invoices.findAll().stream()
                .filter(invoice -> invoice.getRecipient().getId().equals(registration.recipient().getId()))
                .filter(invoice -> invoice.getStatus().isCurrent())
                .map(StoredInvoice::getId).findFirst().orElseThrow();
    }

    /** Cuts every replica's LISTEN connection, as a network failure or a database restart would. */
    private void terminateServingListeners() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("select pg_terminate_backend(pid) from pg_stat_activity "
                    + "where datname = current_database() and query = 'LISTEN " + ServingInvalidations.CHANNEL + "'");
        }
    }

    /** A change whose notification is lost: the triggers are off for this session. */
    private void revokeWithoutNotification(long invoiceId) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("set session_replication_role = replica");
            }
            try (PreparedStatement revoke = connection.prepareStatement("update sis.static_invoice "
                    + "set status = 'REVOKED', revoked_at = now(), revoke_reason = 'test' where id = ?")) {
                revoke.setLong(1, invoiceId);
                assertThat(revoke.executeUpdate()).isOne();
            } finally {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("set session_replication_role = origin");
                }
            }
        }
    }
}
