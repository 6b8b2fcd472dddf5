package io.staticinvoice.server;

import io.staticinvoice.gateway.ReceivedMessage;
import io.staticinvoice.gateway.ReceivedMessageHandler;
import io.staticinvoice.gateway.Responder;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.store.Recipient;
import io.staticinvoice.store.RecipientRepository;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * The server side of LDK's async-payments protocol: every onion message that ends at this node
 * comes here from the gateway. Its path context is authenticated and checked (not expired, the
 * right kind for the message type, an active recipient) before the message reaches the handler of
 * its type; anything else is dropped and counted by reason, so a forged or replayed context never
 * touches a recipient's invoices.
 */
@Component
public class StaticInvoiceServer implements ReceivedMessageHandler {

    private static final Logger log = LoggerFactory.getLogger(StaticInvoiceServer.class);

    private final Map<Long, ProtocolMessageHandler> handlers;
    private final ServerKeys keys;
    private final RecipientRepository recipients;
    private final ServingCache cache;
    private final RequestStats stats;
    private final Clock clock;

    public StaticInvoiceServer(List<ProtocolMessageHandler> handlers, ServerKeys keys, RecipientRepository recipients,
                               ServingCache cache, RequestStats stats, Clock clock) {
        this.handlers = handlers.stream().collect(Collectors.toUnmodifiableMap(h -> h.type().tlvType(),
                Function.identity()));
        this.keys = keys;
        this.recipients = recipients;
        this.cache = cache;
        this.stats = stats;
        this.clock = clock;
    }

    @Override
    public void onMessage(ReceivedMessage message, Responder responder) {
        ProtocolMessageHandler handler = handlers.get(message.message().type());
        if (handler == null) {
            stats.record("ignored.unhandled_type");
            log.debug("Ignoring {}: no handler for its type", message);
            return;
        }
        try {
            PathContext context = authenticate(message, handler.pathKind());
            handler.handle(new ProtocolRequest(message, context, recipientOf(context)), responder);
        } catch (MessageDropped dropped) {
            stats.record("dropped." + dropped.reason());
            log.debug("Dropped {}: {}", message, dropped.getMessage());
        } catch (DataIntegrityViolationException | ConcurrencyFailureException raced) {
            stats.record("dropped.concurrent_change");
            log.debug("Dropped {}: lost a race with a concurrent change ({})", message, raced.toString());
        } catch (DataAccessException unavailable) {
            stats.record("dropped.database_error");
            log.warn("Dropped {}: database error {}", message, unavailable.toString());
        }
    }

    private PathContext authenticate(ReceivedMessage message, PathContext.Kind expected) {
        byte[] pathId = message.pathId().orElseThrow(() -> new MessageDropped("not_our_path",
                "the message did not come over a path this server created"));
        PathContext context;
        try {
            context = keys.contexts().read(pathId);
        } catch (DecodeException e) {
            throw new MessageDropped("forged_context", e.getMessage());
        }
        if (context.kind() != expected) {
            throw new MessageDropped("wrong_context_kind", "a " + context.kind() + " path used for type "
                    + message.message().type());
        }
        if (context.isExpired(clock.instant())) {
            throw new MessageDropped("expired_context", "path expired at " + context.expiresAt());
        }
        return context;
    }

    /** invoice_requests, the hot path, read recipients through the cache; the wallets' own messages don't. */
    private Optional<Recipient> byKey(PathContext.Kind kind, long key) {
        return kind == PathContext.Kind.INVOICE_REQUEST ? cache.recipient(key, () -> recipients.findById(key))
                : recipients.findById(key);
    }

    private Recipient recipientOf(PathContext context) {
        Optional<Recipient> found = context.recipient() instanceof RecipientReference.ByKey byKey
                ? byKey(context.kind(), byKey.key())
                : recipients.findByRecipientId(((RecipientReference.ById) context.recipient()).recipientId());
        Recipient recipient = found.filter(context.recipient()::matches)
                .orElseThrow(() -> new MessageDropped("unknown_recipient", context.toString()));
        if (!recipient.isActive()) {
            throw new MessageDropped("revoked_recipient", context.toString());
        }
        return recipient;
    }
}
