package io.staticinvoice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.store.AuditEventRepository;
import io.staticinvoice.store.AuditKind;
import io.staticinvoice.store.InvoiceStatus;
import io.staticinvoice.store.InvoiceSummary;
import io.staticinvoice.store.Recipient;
import io.staticinvoice.store.RecipientRepository;
import io.staticinvoice.store.StoredInvoice;
import io.staticinvoice.store.StoredInvoiceRepository;
import io.staticinvoice.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@link InvoiceService} and {@link OfferPathRegistry} against PostgreSQL, in AUTO approval mode. */
@IntegrationTest
class InvoiceServiceTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @Autowired InvoiceService service;
    @Autowired OfferPathRegistry registry;
    @Autowired PathIssuer issuer;
    @Autowired RecipientRepository recipients;
    @Autowired StoredInvoiceRepository invoices;
    @Autowired AuditEventRepository audit;

    @Test
    void aStatusChangeKeepsTheServingsCountedMeanwhile() {
        Recipient recipient = recipients.save(new Recipient(randomBytes(32), "auto", 2, null, NOW));
        StoredInvoice stored = store(recipient, randomBytes(50));
        StoredInvoice loadedBeforeServing = invoices.findById(stored.getId()).orElseThrow();
        invoices.recordServed(new Long[] {stored.getId()}, new Long[] {1L}, new Instant[] {NOW});

        service.revoke(loadedBeforeServing.getId(), "test", "ops");

        StoredInvoice revoked = invoices.findById(stored.getId()).orElseThrow();
        assertThat(revoked.getStatus()).isEqualTo(InvoiceStatus.REVOKED);
        assertThat(revoked.getServedCount()).isEqualTo(1);
        assertThat(revoked.getLastServedAt()).contains(NOW);
    }

    @Test
    void servingsOfSeveralInvoicesAreWrittenTogetherWithAnAuditEventEach() {
        Recipient recipient = recipients.save(new Recipient(randomBytes(32), "auto", 2, null, NOW));
        StoredInvoice first = store(recipient, randomBytes(50));
        Recipient other = recipients.save(new Recipient(randomBytes(32), "auto", 2, null, NOW));
        StoredInvoice second = store(other, randomBytes(50));
        invoices.recordServed(new Long[] {second.getId()}, new Long[] {1L}, new Instant[] {NOW.plusSeconds(60)});

        service.recordServed(List.of(new ServeRecorder.Servings(first.getId(), recipient.getId(), 3, NOW),
                new ServeRecorder.Servings(second.getId(), other.getId(), 1, NOW)));

        assertThat(invoices.findById(first.getId()).orElseThrow())
                .satisfies(invoice -> assertThat(invoice.getServedCount()).isEqualTo(3))
                .satisfies(invoice -> assertThat(invoice.getLastServedAt()).contains(NOW));
        assertThat(invoices.findById(second.getId()).orElseThrow())
                .satisfies(invoice -> assertThat(invoice.getServedCount()).isEqualTo(2))
                .satisfies(invoice -> assertThat(invoice.getLastServedAt()).as("the later serving stays")
                        .contains(NOW.plusSeconds(60)));
        assertThat(audit.findAll().stream()
                .filter(event -> event.getKind() == AuditKind.INVOICE_SERVED)
                .filter(event -> event.getInvoiceId().filter(List.of(first.getId(), second.getId())::contains).isPresent())
                .map(event -> event.getRecipientId().orElseThrow() + "/" + event.getActor() + "/"
                        + event.getDetail().orElse("-")))
                .containsExactlyInAnyOrder(recipient.getId() + "/protocol/served 3 times", other.getId() + "/protocol/-");
    }

    @Test
    void nothingIsStoredForARecipientRevokedMeanwhile() {
        Recipient recipient = recipients.save(new Recipient(randomBytes(32), "auto", 2, null, NOW));
        Recipient revoked = recipients.findById(recipient.getId()).orElseThrow();
        revoked.revoke(NOW);
        recipients.save(revoked);

        assertThatThrownBy(() -> store(recipient, randomBytes(50))).isInstanceOf(RecipientRevokedException.class);
        assertThat(invoices.findByRecipientAndStatusIn(recipient, List.of(InvoiceStatus.values()))).isEmpty();
    }

    @Test
    void aSlotKeepsOnlyItsNewestOfferPathAnswers() {
        Recipient recipient = recipients.save(new Recipient(randomBytes(32), "auto", 2, null, NOW));
        Instant expiry = NOW.plus(Duration.ofDays(365));
        List<BlindedMessagePath> first = issuer.offerPaths(recipient, 0, expiry);
        registry.record(recipient, 0, first, NOW, expiry);
        List<BlindedMessagePath> last = first;
        for (int i = 0; i < 12; i++) {
            last = issuer.offerPaths(recipient, 0, expiry);
            registry.record(recipient, 0, last, NOW, expiry);
        }

        assertThat(registry.allIssued(recipient, 0, last, NOW)).isTrue();
        assertThat(registry.allIssued(recipient, 0, first, NOW)).isFalse();
        assertThat(registry.allIssued(recipient, 1, last, NOW)).isFalse();
    }

    private StoredInvoice store(Recipient recipient, byte[] invoice) {
        InvoiceSummary summary = new InvoiceSummary(randomBytes(32), PrivateKey.random().publicKey().bytes(), null,
                null, "auto", 1, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(1)));
        return service.store(recipient, 0, summary, invoice, randomBytes(80), null);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
