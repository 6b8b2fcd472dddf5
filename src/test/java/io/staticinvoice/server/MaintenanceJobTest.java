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
import io.staticinvoice.store.KnownPeer;
import io.staticinvoice.store.KnownPeerRepository;
import io.staticinvoice.store.MailboxMessage;
import io.staticinvoice.store.MailboxMessageRepository;
import io.staticinvoice.store.Recipient;
import io.staticinvoice.store.RecipientRepository;
import io.staticinvoice.store.StoredInvoice;
import io.staticinvoice.store.StoredInvoiceRepository;
import io.staticinvoice.support.IntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class MaintenanceJobTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @Autowired MaintenanceJob job;
    @Autowired RecipientRepository recipients;
    @Autowired StoredInvoiceRepository invoices;
    @Autowired InvoiceHistoryRepository history;
    @Autowired MailboxMessageRepository mailbox;
    @Autowired AuditEventRepository audit;
    @Autowired KnownPeerRepository knownPeers;
    @Autowired LightningProperties lightning;
    @Autowired MeterRegistry meters;
    @Autowired Clock clock;

    @Test
    void expiresDueInvoicesAndPurgesStaleMailboxMessagesOnly() {
        Recipient recipient = recipients.save(new Recipient(randomBytes(32), "maintenance", 4, null, NOW));
        StoredInvoice due = invoices.save(invoice(recipient, 0, NOW.minusSeconds(1)));
        StoredInvoice fresh = invoices.save(invoice(recipient, 1, NOW.plus(Duration.ofDays(1))));
        MailboxMessage stale = mailbox.save(new MailboxMessage(randomBytes(33), randomBytes(40), NOW.minusSeconds(60),
                NOW.minusSeconds(1)));
        MailboxMessage waiting = mailbox.save(new MailboxMessage(randomBytes(33), randomBytes(40), NOW,
                NOW.plus(Duration.ofDays(7))));

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
        assertThat(mailbox.existsById(stale.getId())).isFalse();
        assertThat(mailbox.existsById(waiting.getId())).isTrue();
        assertThat(expiredDrops() - droppedBefore).isEqualTo(1.0);
    }

    @Test
    void forgetsPeersNotConnectedWithinTheRetention() {
        Duration retention = lightning.mailbox().knownPeerRetention();
        Instant now = clock.instant();
        KnownPeer longGone = knownPeers.save(new KnownPeer(randomBytes(33), now.minus(retention).minusSeconds(60)));
        KnownPeer recent = knownPeers.save(new KnownPeer(randomBytes(33), now.minus(retention).plusSeconds(600)));

        job.run();

        assertThat(knownPeers.existsById(longGone.getNodeId())).isFalse();
        assertThat(knownPeers.existsById(recent.getNodeId())).isTrue();
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
