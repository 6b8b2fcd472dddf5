package io.staticinvoice.server;

import io.staticinvoice.config.ProtocolProperties;
import io.staticinvoice.gateway.Responder;
import io.staticinvoice.lightning.asyncpay.AsyncPaymentsMessage;
import io.staticinvoice.lightning.asyncpay.OfferPaths;
import io.staticinvoice.lightning.asyncpay.OfferPathsRequest;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.onion.OnionMessageType;
import io.staticinvoice.store.Recipient;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;

/**
 * {@code OfferPathsRequest {invoice_slot}} (75540) to {@code OfferPaths {paths, paths_absolute_expiry}}
 * (75542): hands the recipient paths for its offer in that slot, answered on the request's reply
 * path together with the reply path for its ServeStaticInvoice (LDK {@code flow.rs},
 * {@code handle_offer_paths_request}).
 */
@Component
public class OfferPathsRequestHandler implements ProtocolMessageHandler {

    private final PathIssuer issuer;
    private final OfferPathRegistry registry;
    private final RecipientRateLimiter limiter;
    private final Replies replies;
    private final ProtocolProperties properties;
    private final Clock clock;

    public OfferPathsRequestHandler(PathIssuer issuer, OfferPathRegistry registry, RecipientRateLimiter limiter,
                                    Replies replies, ProtocolProperties properties, Clock clock) {
        this.issuer = issuer;
        this.registry = registry;
        this.limiter = limiter;
        this.replies = replies;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public OnionMessageType type() {
        return OnionMessageType.OFFER_PATHS_REQUEST;
    }

    @Override
    public PathContext.Kind pathKind() {
        return PathContext.Kind.OFFER_PATHS_REQUEST;
    }

    @Override
    public void handle(ProtocolRequest request, Responder responder) {
        Recipient recipient = request.recipient();
        int slot = decode(request).invoiceSlot();
        if (slot >= recipient.getMaxSlots()) {
            throw new MessageDropped("slot_out_of_range", "slot " + slot + " of " + recipient.getMaxSlots());
        }
        if (!responder.canRespond()) {
            throw new MessageDropped("no_reply_path", "OfferPathsRequest without a reply path");
        }
        if (!limiter.tryAcquire(recipient, RecipientRateLimiter.Kind.STORE)) {
            throw new MessageDropped("rate_limited", "OfferPathsRequest");
        }
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.offerPaths().expiry()).truncatedTo(ChronoUnit.SECONDS);
        List<BlindedMessagePath> paths = issuer.offerPaths(recipient, slot, expiresAt);
        registry.record(recipient, slot, paths, now, expiresAt);
        BlindedMessagePath serveInvoicePath = issuer.serveInvoicePath(recipient, slot, expiresAt);
        OfferPaths answer = new OfferPaths(paths, OptionalLong.of(expiresAt.getEpochSecond()));
        replies.respond(responder, answer.toRecord(), Optional.of(serveInvoicePath), "offer_paths");
    }

    private static OfferPathsRequest decode(ProtocolRequest request) {
        try {
            return (OfferPathsRequest) AsyncPaymentsMessage.decode(request.message().message());
        } catch (DecodeException e) {
            throw new MessageDropped("malformed_message", e.getMessage());
        }
    }
}
