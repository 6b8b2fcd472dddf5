package io.staticinvoice.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.staticinvoice.gateway.LightningGateway;
import io.staticinvoice.gateway.ReceivedMessage;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.offers.InvoiceRequest;
import io.staticinvoice.lightning.offers.Offer;
import io.staticinvoice.lightning.offers.StaticInvoice;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.onion.OnionMessageType;
import io.staticinvoice.reference.ReferencePayer;
import io.staticinvoice.reference.ReferenceRecipient;
import io.staticinvoice.reference.ReferenceRecipient.OfferPathsAnswer;
import io.staticinvoice.server.RecipientService.Registration;
import io.staticinvoice.server.RecipientService.RegistrationRequest;
import io.staticinvoice.store.InvoiceStatus;
import io.staticinvoice.store.StoredInvoice;
import io.staticinvoice.store.StoredInvoiceRepository;
import io.staticinvoice.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
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

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @Autowired RecipientService recipients;
    @Autowired StoredInvoiceRepository invoices;
    @Autowired LightningGateway server;

    @Test
    void recipientHandsOverItsInvoiceAndAnOfflineRecipientsPayerIsServed() throws Exception {
        Registration registration = recipients.register(new RegistrationRequest(null, "e2e wallet", null, null), "test");
        BlindedMessagePath serverPath = BlindedMessagePath.decodeList(Hex.decode(registration.serverPathsHex())).get(0);

        PrivateKey recipientKey = PrivateKey.random();
        StaticInvoice invoice;
        Offer offer;
        try (ReferenceRecipient recipient = new ReferenceRecipient(recipientKey)) {
            recipient.start();
            recipient.connect(server.nodeId(), server.boundAddress());
            OfferPathsAnswer answer = recipient.requestOfferPaths(serverPath, 0);
            assertThat(answer.offerPaths().pathsAbsoluteExpiry()).isPresent();

            offer = recipient.offer(answer.offerPaths());
            BlindedMessagePath forwardPath = recipient.forwardPath(server.nodeId());
            invoice = recipient.invoice(offer, forwardPath, Instant.now());
            recipient.serve(invoice, forwardPath, answer.serveInvoicePath());

            assertThat(recipient.confirmed(TIMEOUT)).isTrue();
        }
        StoredInvoice stored = invoices.findAll().stream()
                .filter(i -> i.getRecipient().getId().equals(registration.recipient().getId()))
                .findFirst().orElseThrow();
        assertThat(stored.getStatus()).isEqualTo(InvoiceStatus.ACTIVE);
        assertThat(stored.getInvoice()).isEqualTo(invoice.bytes());

        InvoiceRequest request;
        try (ReferencePayer payer = new ReferencePayer(PrivateKey.random())) {
            payer.start();
            payer.connect(server.nodeId(), server.boundAddress());
            Offer decoded = Offer.decode(offer.encode());
            request = payer.invoiceRequest(decoded);
            payer.request(decoded, request, true);

            byte[] served = payer.staticInvoice(TIMEOUT).orElseThrow();
            assertThat(served).isEqualTo(invoice.bytes());
            assertThat(StaticInvoice.parse(served).verifySignature()).isTrue();
        }

        try (ReferenceRecipient recipient = new ReferenceRecipient(recipientKey)) {
            recipient.start();
            recipient.connect(server.nodeId(), server.boundAddress());
            ReceivedMessage forwarded = recipient.await(OnionMessageType.INVOICE_REQUEST, TIMEOUT);
            assertThat(forwarded.message().value()).isEqualTo(request.bytes());
            assertThat(forwarded.replyPath()).isPresent();
        }
    }
}
