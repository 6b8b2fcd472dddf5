package io.staticinvoice.server;

import io.staticinvoice.check.Payer;
import io.staticinvoice.check.Wallet.OfferPathsAnswer;
import io.staticinvoice.gateway.LightningGateway;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.offers.Offer;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.reference.ReferenceRecipient;
import io.staticinvoice.server.RecipientService.Registration;
import io.staticinvoice.server.RecipientService.RegistrationRequest;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Drives a running server through the protocol with reference nodes: registers recipients and
 * walks them through OfferPathsRequest and ServeStaticInvoice, so each end-to-end test starts from
 * the state it needs.
 */
@Component
class ProtocolHarness {

    static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final RecipientService recipients;
    private final LightningGateway server;

    ProtocolHarness(RecipientService recipients, LightningGateway server) {
        this.recipients = recipients;
        this.server = server;
    }

    Registration register(Duration pathsExpiry) {
        return recipients.register(new RegistrationRequest(null, "e2e", pathsExpiry, 4), "test");
    }

    static BlindedMessagePath serverPath(Registration registration) throws DecodeException {
        return BlindedMessagePath.decodeList(Hex.decode(registration.serverPathsHex())).get(0);
    }

    /** A started recipient connected to the server. */
    ReferenceRecipient recipient(PrivateKey key) throws Exception {
        ReferenceRecipient recipient = new ReferenceRecipient(key);
        recipient.start();
        recipient.connect(server.nodeId(), server.boundAddress());
        return recipient;
    }

    /** A started payer connected to the server. */
    Payer payer() throws Exception {
        Payer payer = new Payer(PrivateKey.random(), "bitcoin");
        payer.start();
        payer.connect(server.nodeId(), server.boundAddress());
        return payer;
    }

    /** What a recipient handed over for one slot, and whether the server confirmed it in time. */
    record Handover(Offer offer, byte[] invoice, boolean confirmed) {
    }

    /** Builds the bytes a recipient serves for its offer, given the forward path. */
    @FunctionalInterface
    interface InvoiceMaker {
        byte[] make(ReferenceRecipient recipient, Offer offer, BlindedMessagePath forwardPath);
    }

    /** A valid static invoice, created now. */
    static final InvoiceMaker VALID_INVOICE =
            (recipient, offer, forwardPath) -> recipient.invoice(offer, forwardPath, Instant.now()).bytes();

    /** Gets offer paths for {@code slot}, builds the offer and invoice, serves it and waits for the confirmation. */
    Handover handOver(ReferenceRecipient recipient, Registration registration, int slot, Duration confirmationWait)
            throws Exception {
        return handOver(recipient, registration, slot, confirmationWait, VALID_INVOICE);
    }

    /** As {@link #handOver(ReferenceRecipient, Registration, int, Duration)}, serving what {@code maker} makes. */
    Handover handOver(ReferenceRecipient recipient, Registration registration, int slot, Duration confirmationWait,
                      InvoiceMaker maker) throws Exception {
        OfferPathsAnswer answer = recipient.requestOfferPaths(serverPath(registration), slot);
        Offer offer = recipient.offer(answer.offerPaths());
        BlindedMessagePath forwardPath = recipient.forwardPath(server.nodeId());
        byte[] invoice = maker.make(recipient, offer, forwardPath);
        recipient.serve(invoice, forwardPath, answer.serveInvoicePath());
        return new Handover(offer, invoice, recipient.confirmed(confirmationWait));
    }
}
