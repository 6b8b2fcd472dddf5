package io.staticinvoice.server;

import io.staticinvoice.config.ProtocolProperties;
import io.staticinvoice.gateway.Responder;
import io.staticinvoice.lightning.asyncpay.AsyncPaymentsMessage;
import io.staticinvoice.lightning.asyncpay.ServeStaticInvoice;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.offers.Amount;
import io.staticinvoice.lightning.offers.StaticInvoice;
import io.staticinvoice.lightning.onion.OnionMessageType;
import io.staticinvoice.store.InvoiceSummary;
import io.staticinvoice.store.Recipient;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * {@code ServeStaticInvoice {invoice, forward_invoice_request_path}} (75544): validates the
 * recipient's static invoice (size at most LDK's {@code MAX_STATIC_INVOICE_SIZE_BYTES} by default,
 * BOLT 12 and LDK parse rules, signature, invoice and offer expiry, and an offer built only on paths this server issued
 * for the slot) and stores it in its (recipient, slot) place. The {@code StaticInvoicePersisted}
 * answer goes out only after the storing transaction commits, and in manual approval mode only once
 * an operator approves the invoice ({@link ConfirmationSender}).
 */
@Component
public class ServeStaticInvoiceHandler implements ProtocolMessageHandler {

    /** The latest instant PostgreSQL's timestamptz and every client reading it handle comfortably. */
    private static final Instant LATEST_STORABLE = Instant.parse("9999-12-31T23:59:59Z");

    private final InvoiceService invoices;
    private final OfferPathRegistry registry;
    private final RecipientRateLimiter limiter;
    private final ProtocolProperties properties;
    private final Clock clock;

    public ServeStaticInvoiceHandler(InvoiceService invoices, OfferPathRegistry registry, RecipientRateLimiter limiter,
                                     ProtocolProperties properties, Clock clock) {
        this.invoices = invoices;
        this.registry = registry;
        this.limiter = limiter;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public OnionMessageType type() {
        return OnionMessageType.SERVE_STATIC_INVOICE;
    }

    @Override
    public PathContext.Kind pathKind() {
        return PathContext.Kind.SERVE_STATIC_INVOICE;
    }

    @Override
    public void handle(ProtocolRequest request, Responder responder) {
        Recipient recipient = request.recipient();
        int slot = request.context().slot();
        if (!limiter.tryAcquire(recipient, RecipientRateLimiter.Kind.STORE)) {
            throw new MessageDropped("rate_limited", "ServeStaticInvoice");
        }
        ServeStaticInvoice message = decode(request);
        byte[] bytes = message.invoice();
        int maxSize = properties.invoices().maxSizeBytes();
        if (bytes.length > maxSize) {
            throw new MessageDropped("invoice_too_large", bytes.length + " bytes, at most " + maxSize);
        }
        StaticInvoice invoice = parse(bytes);
        Instant now = clock.instant();
        Instant expiresAt = payableUntil(invoice);
        if (!now.isBefore(expiresAt)) {
            throw new MessageDropped("invoice_expired", "expired at " + expiresAt);
        }
        if (!registry.allIssued(recipient, slot, invoice.offer().paths(), now)) {
            throw new MessageDropped("foreign_offer_paths", "the offer's paths were not issued for slot " + slot);
        }
        try {
            invoices.store(recipient, slot, summarize(invoice, expiresAt), bytes,
                    StoredPaths.encode(message.forwardInvoiceRequestPath()),
                    request.message().replyPath().map(StoredPaths::encode).orElse(null));
        } catch (RecipientRevokedException e) {
            throw new MessageDropped("revoked_recipient", e.getMessage());
        }
    }

    private static ServeStaticInvoice decode(ProtocolRequest request) {
        try {
            return (ServeStaticInvoice) AsyncPaymentsMessage.decode(request.message().message());
        } catch (DecodeException e) {
            throw new MessageDropped("malformed_message", e.getMessage());
        }
    }

    private static StaticInvoice parse(byte[] bytes) {
        StaticInvoice invoice;
        try {
            invoice = StaticInvoice.parseUnverified(bytes);
        } catch (DecodeException e) {
            throw new MessageDropped("invalid_invoice", e.getMessage());
        }
        if (!invoice.verifySignature()) {
            throw new MessageDropped("bad_signature", "static invoice signature does not verify");
        }
        return invoice;
    }

    /** The invoice is served until it or its offer expires, whichever comes first (as LDK's server does). */
    private static Instant payableUntil(StaticInvoice invoice) {
        Instant invoiceExpiry = invoice.expiresAt();
        return invoice.offer().absoluteExpiry().filter(invoiceExpiry::isAfter).orElse(invoiceExpiry);
    }

    private static InvoiceSummary summarize(StaticInvoice invoice, Instant expiresAt) {
        Amount amount = invoice.offer().amount().orElse(null);
        Long msats = amount instanceof Amount.Bitcoin bitcoin ? bitcoin.msats() : null;
        String currency = amount instanceof Amount.Currency fiat ? fiat.iso4217Code() : null;
        return new InvoiceSummary(invoice.offerId().bytes(), invoice.signingPubkey().bytes(), msats, currency,
                invoice.offer().description().orElse(null), invoice.paymentPaths().size(),
                storable(invoice.createdAt()), storable(expiresAt));
    }

    private static Instant storable(Instant instant) {
        return instant.isAfter(LATEST_STORABLE) ? LATEST_STORABLE : instant;
    }
}
