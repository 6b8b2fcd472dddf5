package io.staticinvoice.server;

import io.staticinvoice.config.ProtocolProperties;
import io.staticinvoice.store.AuditKind;
import io.staticinvoice.store.RateOverride;
import io.staticinvoice.store.Recipient;
import io.staticinvoice.store.RecipientRepository;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers recipients and hands out their server paths (DESIGN.md step 1), and applies the
 * operator's changes to them. Every change is audited with the operator's key name.
 */
@Service
public class RecipientService {

    private static final int GENERATED_ID_BYTES = 32;

    private final RecipientRepository recipients;
    private final InvoiceService invoices;
    private final PathIssuer paths;
    private final AuditLog audit;
    private final ServingCache cache;
    private final ProtocolProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public RecipientService(RecipientRepository recipients, InvoiceService invoices, PathIssuer paths,
                            AuditLog audit, ServingCache cache, ProtocolProperties properties, Clock clock) {
        this.recipients = recipients;
        this.invoices = invoices;
        this.paths = paths;
        this.audit = audit;
        this.cache = cache;
        this.properties = properties;
        this.clock = clock;
    }

    /** What the operator asks for when registering a wallet; null fields take the defaults. */
    public record RegistrationRequest(byte[] recipientId, String label, Duration pathsRelativeExpiry,
                                      Integer maxSlots) {
    }

    /** A registered recipient and the server paths to configure its wallet with. */
    public record Registration(Recipient recipient, String serverPathsHex, Instant pathsExpireAt) {
    }

    /** An operator's change to a recipient; null fields stay as they are. */
    public record RecipientUpdate(String label, Integer maxSlots, RateOverride requestRate, RateOverride storeRate) {
    }

    /** Registers a recipient; throws {@link DuplicateRecipientException} when its id is taken. */
    @Transactional
    public Registration register(RegistrationRequest request, String actor) {
        byte[] id = request.recipientId() != null ? request.recipientId() : randomId();
        if (id.length == 0 || id.length > PathContext.MAX_RECIPIENT_ID_BYTES) {
            throw new IllegalArgumentException("recipient id must be 1 to " + PathContext.MAX_RECIPIENT_ID_BYTES
                    + " bytes");
        }
        if (recipients.findByRecipientId(id).isPresent()) {
            throw new DuplicateRecipientException(HexFormat.of().formatHex(id));
        }
        Duration expiry = request.pathsRelativeExpiry() != null
                ? request.pathsRelativeExpiry() : properties.recipients().pathsRelativeExpiry();
        int maxSlots = request.maxSlots() != null ? request.maxSlots() : properties.recipients().defaultMaxSlots();
        Recipient recipient = recipients.saveAndFlush(new Recipient(id, request.label(), maxSlots, expiry,
                clock.instant()));
        audit.record(AuditKind.RECIPIENT_REGISTERED, actor, recipient.getId(), null,
                (request.label() == null ? "no label" : "label " + request.label()) + ", max slots " + maxSlots);
        return issue(recipient, actor);
    }

    /** Issues fresh server paths for an active recipient. */
    @Transactional
    public Registration issuePaths(byte[] recipientId, String actor) {
        Recipient recipient = find(recipientId);
        if (!recipient.isActive()) {
            throw new RecipientRevokedException(HexFormat.of().formatHex(recipientId));
        }
        return issue(recipient, actor);
    }

    @Transactional
    public Recipient update(byte[] recipientId, RecipientUpdate update, String actor) {
        Recipient recipient = find(recipientId);
        Instant now = clock.instant();
        StringBuilder changes = new StringBuilder();
        if (update.label() != null) {
            recipient.relabel(update.label(), now);
            changes.append("label ").append(update.label()).append("; ");
        }
        if (update.maxSlots() != null) {
            recipient.changeMaxSlots(update.maxSlots(), now);
            changes.append("max slots ").append(update.maxSlots()).append("; ");
        }
        if (update.requestRate() != null) {
            recipient.overrideRequestRate(update.requestRate(), now);
            changes.append("request rate ").append(update.requestRate()).append("; ");
        }
        if (update.storeRate() != null) {
            recipient.overrideStoreRate(update.storeRate(), now);
            changes.append("store rate ").append(update.storeRate()).append("; ");
        }
        audit.record(AuditKind.RECIPIENT_UPDATED, actor, recipient.getId(), null, changes.toString().strip());
        cache.invalidateOnCommit(recipient.getId());
        return recipient;
    }

    /** Revokes a recipient and its current invoices; revoking a revoked recipient changes nothing. */
    @Transactional
    public Recipient revoke(byte[] recipientId, String actor) {
        Recipient recipient = find(recipientId);
        if (recipient.revoke(clock.instant())) {
            invoices.revokeAll(recipient, "recipient revoked", actor);
            audit.record(AuditKind.RECIPIENT_REVOKED, actor, recipient.getId(), null, null);
            cache.invalidateOnCommit(recipient.getId());
        }
        return recipient;
    }

    private Registration issue(Recipient recipient, String actor) {
        Instant now = clock.instant();
        Instant expiresAt = recipient.getPathsRelativeExpiry().map(now::plus).orElse(null);
        String hex = paths.serverPaths(recipient, expiresAt == null ? Instant.MAX : expiresAt);
        recipient.pathsIssued(expiresAt, now);
        audit.record(AuditKind.PATHS_ISSUED, actor, recipient.getId(), null,
                expiresAt == null ? "paths never expire" : "paths expire at " + expiresAt);
        return new Registration(recipient, hex, expiresAt);
    }

    private Recipient find(byte[] recipientId) {
        return recipients.findByRecipientId(recipientId)
                .orElseThrow(() -> new NotFoundException("recipient " + HexFormat.of().formatHex(recipientId)));
    }

    private byte[] randomId() {
        byte[] id = new byte[GENERATED_ID_BYTES];
        random.nextBytes(id);
        return id;
    }
}
