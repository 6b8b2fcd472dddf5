package io.staticinvoice.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.staticinvoice.config.LightningProperties;
import io.staticinvoice.store.AuditEventRepository;
import io.staticinvoice.store.AuditKind;
import io.staticinvoice.store.InvoiceHistoryEntry;
import io.staticinvoice.store.InvoiceHistoryRepository;
import io.staticinvoice.store.InvoiceStatus;
import io.staticinvoice.store.InvoiceSummary;
import io.staticinvoice.store.Recipient;
import io.staticinvoice.store.RecipientRepository;
import io.staticinvoice.store.StoredInvoice;
import io.staticinvoice.store.StoredInvoiceRepository;
import io.staticinvoice.support.IntegrationTest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class MaintenanceJobTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @Autowired MaintenanceJob job;
    @Autowired RecipientRepository recipients;
    @Autowired StoredInvoiceRepository invoices;
    @Autowired InvoiceHistoryRepository history;
    @Autowired DataSource dataSource;
    @Autowired AuditEventRepository audit;
    @Autowired LightningProperties lightning;
    @Autowired MeterRegistry meters;
    @Autowired Clock clock;

    @Test
    void expiresDueInvoicesAndPurgesStaleMailboxMessagesOnly() {
        Recipient recipient = recipients.save(new Recipient(randomBytes(32), "maintenance", 4, null, NOW));
        StoredInvoice due = invoices.save(invoice(recipient, 0, NOW.minusSeconds(1)));
        StoredInvoice fresh = invoices.save(invoice(recipient, 1, NOW.plus(Duration.ofDays(1))));
        long stale = mailMessage(NOW.minusSeconds(1));
        long waiting = mailMessage(NOW.plus(Duration.ofDays(7)));

        double droppedBefore = expiredDrops();

        job.run();

        assertThat(invoices.findById(due.getId())).get().extracting(StoredInvoice::getStatus)
                .isEqualTo(InvoiceStatus.EXPIRED);
        assertThat(invoices.findById(fresh.getId())).get().extracting(StoredInvoice::getStatus)
                .isEqualTo(InvoiceStatus.ACTIVE);
        assertThat(history.findByInvoiceIdOrderByIdAsc(due.getId())).extracting(InvoiceHistoryEntry::getToStatus)
                .containsExactly(InvoiceStatus.EXPIRED);
        assertThat(audit.findAll()).anyMatch(event -> event.getKind() == AuditKind.INVOICE_EXPIRED
                && event.getInvoiceId().filter(due.getId()::equals).isPresent());
        assertThat(exists("mailbox_message", "id", stale)).isFalse();
        assertThat(exists("mailbox_message", "id", waiting)).isTrue();
        assertThat(expiredDrops() - droppedBefore).isEqualTo(1.0);
    }

    @Test
    void forgetsPeersNotConnectedWithinTheRetention() {
        Duration retention = lightning.mailbox().knownPeerRetention();
        Instant now = clock.instant();
        byte[] longGone = knownPeer(now.minus(retention).minusSeconds(60));
        byte[] recent = knownPeer(now.minus(retention).plusSeconds(600));

        job.run();

        assertThat(exists("known_peer", "node_id", longGone)).isFalse();
        assertThat(exists("known_peer", "node_id", recent)).isTrue();
    }

    /** A mailbox row for a random node, expiring at {@code expiresAt}; returns its id. */
    private long mailMessage(Instant expiresAt) {
        return jdbc().sql("insert into sis.mailbox_message (destination_node_id, seq, message, expires_at) "
                        + "values (:node, 1, :message, :expires) returning id")
                .param("node", randomBytes(33)).param("message", randomBytes(40))
                .param("expires", Timestamp.from(expiresAt)).query(Long.class).single();
    }

    /** A random node that last connected at {@code connectedAt}; returns its id. */
    private byte[] knownPeer(Instant connectedAt) {
        byte[] node = randomBytes(33);
        jdbc().sql("insert into sis.known_peer (node_id, last_connected_at) values (:node, :at)")
                .param("node", node).param("at", Timestamp.from(connectedAt)).update();
        return node;
    }

    private boolean exists(String table, String column, Object key) {
        return jdbc().sql("select count(*) from sis." + table + " where " + column + " = :key").param("key", key)
                .query(Long.class).single() == 1;
    }

    private JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }

    private double expiredDrops() {
        Counter counter = meters.find("sis.gateway.drops").tag("reason", "mailbox_expired").counter();
        return counter == null ? 0 : counter.count();
    }

    private static StoredInvoice invoice(Recipient recipient, int slot, Instant expiresAt) {
        InvoiceSummary summary = new InvoiceSummary(randomBytes(32), randomBytes(33), null, null, "maintenance", 1,
                NOW.minus(Duration.ofDays(1)), expiresAt);
        return new StoredInvoice(recipient, slot, summary, randomBytes(10), randomBytes(80), null,
                InvoiceStatus.ACTIVE, NOW);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
