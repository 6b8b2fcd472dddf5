package io.staticinvoice.server;

import io.staticinvoice.gateway.Responder;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.offers.InvoiceRequest;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.onion.OnionMessageType;
import io.staticinvoice.lightning.wire.NodeId;
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
 * is ACTIVE and unexpired, before the forward (the payer waits for its answer; the forward to an
 * offline wallet is held in memory or relayed). In steady state the slot comes from the
 * {@link ServingCache}: no database round trip. Requests are rate-limited per recipient, and
 * within that per peer connection ({@link RecipientRateLimiter}); the copies of one request that
 * LDK payers send cost one token, are answered once per reply path and once per connection back
 * to their sender, and forwarded once ({@link RequestCopies}).
 */
@Component
public class InvoiceRequestHandler implements ProtocolMessageHandler {

    private final InvoiceService invoices;
    private final ServingCache cache;
    private final RecipientRateLimiter limiter;
    private final RequestCopies copies;
    private final Replies replies;
    private final ServeRecorder serves;
    private final RequestStats stats;
    private final Clock clock;

    public InvoiceRequestHandler(InvoiceService invoices, ServingCache cache, RecipientRateLimiter limiter,
                                 RequestCopies copies, Replies replies, ServeRecorder serves, RequestStats stats, Clock clock) {
        this.invoices = invoices;
        this.cache = cache;
        this.limiter = limiter;
        this.copies = copies;
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
        TlvRecord invoiceRequest = request.message().message();
        RequestCopies.Admission admission = copies.admit(invoiceRequest.value(),
                request.message().replyPath().map(BlindedMessagePath::pathKey),
                () -> responder.returnConnection().map(RequestCopies.Connection::of),
                () -> {
                    takeToken(recipient, request.message().receivedFrom());
                    check(invoiceRequest);
                });
        if (admission == RequestCopies.Admission.ANSWERED) {
            throw new MessageDropped("duplicate_request",
                    "a copy of an invoice_request already answered on its reply path or over its connection");
        }
        int slot = request.context().slot();
        SlotInvoices invoicesOfSlot = cache.slot(recipient, slot, () -> invoices.findForRequest(recipient, slot))
                .orElseThrow(() -> new MessageDropped("no_invoice", "slot " + slot));
        Optional<ServableInvoice> current = invoicesOfSlot.servable()
                .filter(invoice -> invoice.isServable(clock.instant()));
        if (current.isPresent() && responder.canRespond()) {
            // The payer waits for this answer; the forward below may wait for a relay to another replica.
            Optional<RequestCopies.Connection> over = responder.returnConnection().map(RequestCopies.Connection::of);
            over.ifPresent(connection -> copies.answering(invoiceRequest.value(), connection));
            replies.respond(responder, new TlvRecord(OnionMessageType.STATIC_INVOICE.tlvType(), current.get().invoice()),
                    Optional.empty(), "static_invoice").whenComplete((how, notWritten) -> {
                        if (notWritten != null && over.isPresent()) {
                            copies.answerFailed(invoiceRequest.value(), over.get());
                        }
                    });
            serves.record(current.get().id(), recipient);
            stats.record("served");
        }
        if (admission == RequestCopies.Admission.FIRST) {
            replies.send(invoicesOfSlot.forwardPath(), invoiceRequest, request.message().replyPath(),
                    "invoice_request_forward");
        }
        if (current.isEmpty()) {
            throw new MessageDropped("invoice_not_active", "slot " + slot + " has no active invoice");
        }
        if (!responder.canRespond()) {
            throw new MessageDropped("no_reply_path", "invoice_request without a reply path");
        }
    }

    /** Parses the request and verifies the payer's signature, as LDK's server does before answering. */
    private static void check(TlvRecord invoiceRequest) {
        try {
            InvoiceRequest.parse(invoiceRequest.value());
        } catch (DecodeException e) {
            throw new MessageDropped("invalid_invoice_request", e.getMessage());
        }
    }

    private void takeToken(Recipient recipient, NodeId source) {
        limiter.tryAcquireRequest(recipient, source).ifPresent(refusal -> {
            throw refusal == RecipientRateLimiter.Refusal.PEER_SHARE
                    ? new MessageDropped("peer_rate_limited", "invoice_request beyond its peer's share")
                    : new MessageDropped("rate_limited", "invoice_request");
        });
    }
}
