package io.staticinvoice.check;

import io.staticinvoice.gateway.ReceivedMessage;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.offers.InvoiceRequest;
import io.staticinvoice.lightning.offers.Offer;
import io.staticinvoice.lightning.onion.OnionMessageType;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A BOLT 12 payer as LDK's behaves towards an async offer (BOLT 12 "Invoice Requests", DESIGN.md
 * step 4): it sends a signed invoice_request over the offer's first path with a reply path to
 * itself, and takes the static invoice (onion message type 70) that comes back.
 */
public class Payer extends ClientNode {

    private final PrivateKey payerKey = PrivateKey.random();
    private final SecureRandom random = new SecureRandom();

    public Payer(PrivateKey key, String network) {
        super(key, network);
    }

    /** A signed invoice_request for the offer. */
    public InvoiceRequest invoiceRequest(Offer offer) {
        byte[] metadata = new byte[32];
        random.nextBytes(metadata);
        return InvoiceRequest.builder(offer, metadata).amountMsats(50_000).sign(payerKey);
    }

    /** Sends the request over the offer's first path, with or without a reply path to this node. */
    public void request(Offer offer, InvoiceRequest request, boolean withReplyPath) throws Exception {
        send(offer.contents().paths().get(0),
                new TlvRecord(OnionMessageType.INVOICE_REQUEST.tlvType(), request.bytes()),
                withReplyPath ? Optional.of(pathThrough(List.of(), "static-invoice")) : Optional.empty());
    }

    /** The static invoice bytes answered within {@code timeout}, if any. */
    public Optional<byte[]> staticInvoice(Duration timeout) throws InterruptedException {
        return poll(OnionMessageType.STATIC_INVOICE, timeout).map(ReceivedMessage::message).map(TlvRecord::value);
    }
}
