package io.staticinvoice.server;

import static io.staticinvoice.server.ProtocolHarness.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.staticinvoice.check.Payer;
import io.staticinvoice.gateway.ReceivedMessage;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.offers.InvoiceRequest;
import io.staticinvoice.lightning.offers.Offer;
import io.staticinvoice.lightning.offers.StaticInvoice;
import io.staticinvoice.lightning.onion.OnionMessageType;
import io.staticinvoice.reference.ReferenceRecipient;
import io.staticinvoice.server.ProtocolHarness.Handover;
import io.staticinvoice.server.RecipientService.Registration;
import io.staticinvoice.store.InvoiceStatus;
import io.staticinvoice.store.StoredInvoice;
import io.staticinvoice.store.StoredInvoiceRepository;
import io.staticinvoice.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * DESIGN.md steps 1 to 5 over real TCP and PostgreSQL, with a reference recipient and payer
 * written on the {@code lightning} package: register, offer paths, static invoice stored and
 * confirmed, recipient offline, payer served the exact invoice, forwarded request delivered from
 * the mailbox when the recipient comes back.
 */
@IntegrationTest
class AsyncPaymentFlowTest {

    @Autowired ProtocolHarness harness;
    @Autowired StoredInvoiceRepository invoices;

    @Test
    void recipientHandsOverItsInvoiceAndAnOfflineRecipientsPayerIsServed() throws Exception {
        Registration registration = harness.register(null);
        PrivateKey recipientKey = PrivateKey.random();
        Handover handover;
        try (ReferenceRecipient recipient = harness.recipient(recipientKey)) {
            handover = harness.handOver(recipient, registration, 0, TIMEOUT);
        }
        assertThat(handover.confirmed()).isTrue();
        StoredInvoice stored = invoices.findAll().stream()
                .filter(i -> i.getRecipient().getId().equals(registration.recipient().getId()))
                .findFirst().orElseThrow();
        assertThat(stored.getStatus()).isEqualTo(InvoiceStatus.ACTIVE);
        assertThat(stored.getInvoice()).isEqualTo(handover.invoice());

        InvoiceRequest request;
        try (Payer payer = harness.payer()) {
            Offer offer = Offer.decode(handover.offer().encode());
            request = payer.invoiceRequest(offer);
            payer.request(offer, request, true);

            byte[] served = payer.staticInvoice(TIMEOUT).orElseThrow();
            assertThat(served).isEqualTo(handover.invoice());
            assertThat(StaticInvoice.parse(served).verifySignature()).isTrue();
        }

        try (ReferenceRecipient recipient = harness.recipient(recipientKey)) {
            ReceivedMessage forwarded = recipient.await(OnionMessageType.INVOICE_REQUEST, TIMEOUT);
            assertThat(forwarded.message().value()).isEqualTo(request.bytes());
            assertThat(forwarded.replyPath()).isPresent();
        }
    }
}
