package io.staticinvoice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class StoreRepositoriesTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @Autowired RecipientRepository recipients;
    @Autowired StoredInvoiceRepository invoices;
    @Autowired OfferPathRepository offerPaths;
    @Autowired InvoiceHistoryRepository history;
    @Autowired AuditEventRepository audit;
    @Autowired JdbcTemplate jdbc;
    @Autowired TransactionTemplate tx;

    @Test
    void flywayCreatedEveryTableInTheSisSchema() {
        List<String> tables = jdbc.queryForList(
                "select table_name from information_schema.tables where table_schema = 'sis' order by 1", String.class);
        assertThat(tables).contains("recipient", "offer_path", "static_invoice", "static_invoice_history",
                "mailbox_message", "peer_address", "audit_event", "flyway_schema_history");
        assertThat(jdbc.queryForObject("select count(*) from sis.flyway_schema_history where success", Integer.class))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void recipientRoundTrip() {
        Recipient saved = recipients.save(newRecipient());
        Recipient loaded = recipients.findByRecipientId(saved.getRecipientId()).orElseThrow();
        assertThat(loaded.getId()).isEqualTo(saved.getId());
        assertThat(loaded.getLabel()).isEqualTo("alice's phone");
        assertThat(loaded.getMaxSlots()).isEqualTo(4);
        assertThat(loaded.getPathsRelativeExpiry()).contains(Duration.ofDays(30));
        assertThat(loaded.getStatus()).isEqualTo(RecipientStatus.ACTIVE);
    }

    @Test
    void invoiceRoundTripWithHistoryAndServedCount() {
        Recipient recipient = recipients.save(newRecipient());
        StoredInvoice stored = invoices.save(newInvoice(recipient, 0, InvoiceStatus.ACTIVE));
        history.save(new InvoiceHistoryEntry(stored.getId(), null, InvoiceStatus.ACTIVE, NOW, "protocol", null));
        tx.executeWithoutResult(s -> invoices.recordServed(new Long[] {stored.getId()}, new Long[] {2L}, new Instant[] {NOW}));
        tx.executeWithoutResult(s -> invoices.recordServed(new Long[] {stored.getId()}, new Long[] {1L}, new Instant[] {NOW.minusSeconds(5)}));

        StoredInvoice loaded = tx.execute(s -> {
            StoredInvoice current = invoices.findFirstByRecipientAndSlotOrderByIdDesc(recipient, 0).orElseThrow();
            current.getRecipient().getLabel();
            return current;
        });
        assertThat(loaded.getInvoice()).containsExactly(1, 2, 3);
        assertThat(loaded.getSummary().description()).isEqualTo("coffee");
        assertThat(loaded.getServedCount()).isEqualTo(3);
        assertThat(loaded.getLastServedAt()).as("the latest serving, whatever order they are written in").contains(NOW);
        assertThat(history.findByInvoiceIdOrderByIdAsc(stored.getId()))
                .extracting(InvoiceHistoryEntry::getToStatus).containsExactly(InvoiceStatus.ACTIVE);
    }

    @Test
    void aSlotHoldsAtMostOneActiveAndOnePendingInvoice() {
        Recipient recipient = recipients.save(newRecipient());
        StoredInvoice active = invoices.save(newInvoice(recipient, 1, InvoiceStatus.ACTIVE));
        StoredInvoice pending = invoices.saveAndFlush(newInvoice(recipient, 1, InvoiceStatus.PENDING));

        assertThatThrownBy(() -> invoices.saveAndFlush(newInvoice(recipient, 1, InvoiceStatus.ACTIVE)))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> invoices.saveAndFlush(newInvoice(recipient, 1, InvoiceStatus.PENDING)))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(invoices.findFirstByRecipientAndSlotAndStatus(recipient, 1, InvoiceStatus.ACTIVE)).get()
                .extracting(StoredInvoice::getId).isEqualTo(active.getId());
        assertThat(invoices.findFirstByRecipientAndSlotOrderByIdDesc(recipient, 1)).get()
                .extracting(StoredInvoice::getId).isEqualTo(pending.getId());
    }

    @Test
    void duplicateRecipientIdIsRejected() {
        Recipient first = recipients.save(newRecipient());
        Recipient twin = new Recipient(first.getRecipientId(), "twin", 1, null, NOW);
        assertThatThrownBy(() -> recipients.saveAndFlush(twin)).isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void offerPathRoundTrip() {
        Recipient recipient = recipients.save(newRecipient());
        byte[] hash = randomBytes(32);
        offerPaths.save(new OfferPath(recipient, 2, hash, NOW, NOW.plus(Duration.ofDays(365))));
        assertThat(offerPaths.countIssued(recipient, 2, List.of(hash), NOW)).isEqualTo(1);
        assertThat(offerPaths.countIssued(recipient, 3, List.of(hash), NOW)).isZero();
    }

    @Test
    void auditRoundTrip() {
        AuditEvent saved = audit.save(new AuditEvent(AuditKind.RECIPIENT_REGISTERED, "ops", 7L, null, "hello", NOW));
        AuditEvent loaded = audit.findById(saved.getId()).orElseThrow();
        assertThat(loaded.getKind()).isEqualTo(AuditKind.RECIPIENT_REGISTERED);
        assertThat(loaded.getRecipientId()).contains(7L);
        assertThat(loaded.getDetail()).contains("hello");
    }

    private static Recipient newRecipient() {
        return new Recipient(randomBytes(32), "alice's phone", 4, Duration.ofDays(30), NOW);
    }

    static StoredInvoice newInvoice(Recipient recipient, int slot, InvoiceStatus status) {
        InvoiceSummary summary = new InvoiceSummary(randomBytes(32), HexFormat.of().parseHex(
                "02eec7245d6b7d2ccb30380bfbe2a3648cd7a942653f5aa340edcea1f283686619"), null, null, "coffee", 1,
                NOW, NOW.plus(Duration.ofDays(14)));
        return new StoredInvoice(recipient, slot, summary, new byte[] {1, 2, 3}, randomBytes(80), null, status, NOW);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
