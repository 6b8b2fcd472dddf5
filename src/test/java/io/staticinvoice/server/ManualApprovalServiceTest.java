package io.staticinvoice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.onion.BlindedPathFactory;
import io.staticinvoice.lightning.onion.EncryptedData;
import io.staticinvoice.lightning.onion.ReceiveAuthKey;
import io.staticinvoice.store.IllegalInvoiceTransitionException;
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
import org.springframework.test.context.TestPropertySource;

/**
 * {@link InvoiceService} in manual approval mode against PostgreSQL: a refreshed invoice waits
 * beside the approved one, which keeps being served until the new one is approved; a re-sent
 * invoice stores nothing new; an expired pending invoice cannot be approved.
 */
@IntegrationTest
@TestPropertySource(properties = "sis.approval.mode=manual")
class ManualApprovalServiceTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @Autowired InvoiceService service;
    @Autowired RecipientRepository recipients;
    @Autowired StoredInvoiceRepository invoices;

    @Test
    void theApprovedInvoiceIsServedUntilItsReplacementIsApproved() {
        Recipient recipient = recipients.save(new Recipient(randomBytes(32), "manual", 2, null, NOW));
        StoredInvoice first = store(recipient, randomBytes(50), NOW.plus(Duration.ofDays(1)));
        service.approve(first.getId(), "ops");

        StoredInvoice refreshed = store(recipient, randomBytes(50), NOW.plus(Duration.ofDays(2)));

        assertThat(status(refreshed)).isEqualTo(InvoiceStatus.PENDING);
        assertThat(service.findForRequest(recipient, 0).orElseThrow().servable()).get()
                .extracting(InvoiceService.ServableInvoice::id).isEqualTo(first.getId());

        service.approve(refreshed.getId(), "ops");

        assertThat(status(first)).isEqualTo(InvoiceStatus.SUPERSEDED);
        assertThat(status(refreshed)).isEqualTo(InvoiceStatus.ACTIVE);
        assertThat(service.findForRequest(recipient, 0).orElseThrow().servable()).get()
                .extracting(InvoiceService.ServableInvoice::id).isEqualTo(refreshed.getId());
    }

    @Test
    void theSameInvoiceSentAgainStoresNothingNew() {
        Recipient recipient = recipients.save(new Recipient(randomBytes(32), "manual", 2, null, NOW));
        byte[] bytes = randomBytes(50);
        StoredInvoice pending = store(recipient, bytes, NOW.plus(Duration.ofDays(1)));

        byte[] newestReplyPath = randomBytes(80);
        StoredInvoice again = service.store(recipient, 0, summary(NOW.plus(Duration.ofDays(1))), bytes, forwardPath(),
                newestReplyPath);

        assertThat(again.getId()).isEqualTo(pending.getId());
        assertThat(invoices.findById(pending.getId()).orElseThrow().getReplyPath()).get().isEqualTo(newestReplyPath);
        assertThat(invoices.findByRecipientAndStatusIn(recipient, List.of(InvoiceStatus.values())))
                .hasSize(1);
    }

    @Test
    void anExpiredPendingInvoiceCannotBeApproved() {
        Recipient recipient = recipients.save(new Recipient(randomBytes(32), "manual", 2, null, NOW));
        StoredInvoice expired = store(recipient, randomBytes(50), NOW.minusSeconds(1));

        assertThatThrownBy(() -> service.approve(expired.getId(), "ops"))
                .isInstanceOf(IllegalInvoiceTransitionException.class);
        assertThat(status(expired)).isEqualTo(InvoiceStatus.PENDING);
    }

    private StoredInvoice store(Recipient recipient, byte[] invoice, Instant expiresAt) {
        return service.store(recipient, 0, summary(expiresAt), invoice, forwardPath(), null);
    }

    /** A recipient's forward path as the handler stores it: requests for the slot are read with it. */
    private static byte[] forwardPath() {
        return StoredPaths.encode(BlindedPathFactory.create(List.of(), PrivateKey.random().publicKey(), 0,
                ReceiveAuthKey.random(), EncryptedData.receiveWithPathId(randomBytes(16))));
    }

    private static InvoiceSummary summary(Instant expiresAt) {
        return new InvoiceSummary(randomBytes(32), randomBytes(33), null, null, "manual", 1,
                NOW.minus(Duration.ofHours(1)), expiresAt);
    }

    private InvoiceStatus status(StoredInvoice invoice) {
        return invoices.findById(invoice.getId()).orElseThrow().getStatus();
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
