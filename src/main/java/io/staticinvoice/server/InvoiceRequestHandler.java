package io.staticinvoice.server;

import io.staticinvoice.gateway.Responder;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.offers.InvoiceRequest;
import io.staticinvoice.lightning.onion.OnionMessageType;
import io.staticinvoice.server.InvoiceService.ServableInvoice;
import io.staticinvoice.server.InvoiceService.SlotInvoices;
import io.staticinvoice.store.Recipient;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A payer's {@code invoice_request} (64) over an offer path: forwarded to the recipient over the
 * stored {@code forward_invoice_request_path} (through the mailbox when it is offline) with the
 * payer's reply path, so an online recipient can answer itself; and answered with the stored
 * static invoice (onion message type 70, LDK's) on the payer's reply path when the slot's invoice
 * is ACTIVE and unexpired. LDK payers send each request twice; each is answered. In steady state
 * the slot comes from the {@link ServingCache}: no database round trip.
 */
@Component
public class InvoiceRequestHandler implements ProtocolMessageHandler {

    private final InvoiceService invoices;
    private final ServingCache cache;
    private final RecipientRateLimiter limiter;
    private final Replies replies;
    private final ServeRecorder serves;
    private final RequestStats stats;
    private final Clock clock;

    public InvoiceRequestHandler(InvoiceService invoices, ServingCache cache, RecipientRateLimiter limiter,
                                 Replies replies, ServeRecorder serves, RequestStats stats, Clock clock) {
        this.invoices = invoices;
        this.cache = cache;
        this.limiter = limiter;
        this.replies = replies;
        this.serves = serves;
        this.stats = stats;
        this.clock = clock;
    }

    @Override
    public OnionMessageType type() {
        return OnionMessageType.INVOICE_REQUEST;
    }

    @Override
    public PathContext.Kind pathKind() {
        return PathContext.Kind.INVOICE_REQUEST;
    }

    @Override
    public void handle(ProtocolRequest request, Responder responder) {
        Recipient recipient = request.recipient();
        if (!limiter.tryAcquire(recipient, RecipientRateLimiter.Kind.REQUEST)) {
            throw new MessageDropped("rate_limited", "invoice_request");
        }
        TlvRecord invoiceRequest = request.message().message();
        try {
            InvoiceRequest.parse(invoiceRequest.value());
        } catch (DecodeException e) {
            throw new MessageDropped("invalid_invoice_request", e.getMessage());
        }
        int slot = request.context().slot();
        SlotInvoices invoicesOfSlot = cache.slot(recipient, slot, () -> invoices.findForRequest(recipient, slot))
                .orElseThrow(() -> new MessageDropped("no_invoice", "slot " + slot));
        replies.send(StoredPaths.decode(invoicesOfSlot.forwardPath()), invoiceRequest, request.message().replyPath(),
                "invoice_request_forward");
        ServableInvoice current = invoicesOfSlot.servable().filter(invoice -> invoice.isServable(clock.instant()))
                .orElseThrow(() -> new MessageDropped("invoice_not_active", "slot " + slot + " has no active invoice"));
        if (!responder.canRespond()) {
            throw new MessageDropped("no_reply_path", "invoice_request without a reply path");
        }
        replies.respond(responder, new TlvRecord(OnionMessageType.STATIC_INVOICE.tlvType(), current.invoice()),
                Optional.empty(), "static_invoice");
        serves.record(current.id(), recipient);
        stats.record("served");
    }
}
