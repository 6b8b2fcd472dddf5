package io.staticinvoice.server;

import io.staticinvoice.config.ProtocolProperties;
import io.staticinvoice.config.ProtocolProperties.ApprovalMode;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.store.AuditKind;
import io.staticinvoice.store.InvoiceHistoryEntry;
import io.staticinvoice.store.InvoiceHistoryRepository;
import io.staticinvoice.store.InvoiceStatus;
import io.staticinvoice.store.InvoiceSummary;
import io.staticinvoice.store.Recipient;
import io.staticinvoice.store.RecipientRepository;
import io.staticinvoice.store.StoredInvoice;
import io.staticinvoice.store.StoredInvoiceRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Owns every status change of stored invoices: storing a recipient's ServeStaticInvoice in its
 * slot (superseding the previous one), operator approval and revocation, and expiry. Each change
 * is written to the invoice's history and the audit log in the same transaction; a confirmation
 * that is due is published as {@link ConfirmationDue} and only sent after commit.
 */
@Service
public class InvoiceService {

    private final StoredInvoiceRepository invoices;
    private final RecipientRepository recipients;
    private final InvoiceHistoryRepository history;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final ServingCache cache;
    private final ProtocolProperties properties;
    private final Clock clock;

    public InvoiceService(StoredInvoiceRepository invoices, RecipientRepository recipients,
                          InvoiceHistoryRepository history, AuditLog audit, ApplicationEventPublisher events,
                          ServingCache cache, ProtocolProperties properties, Clock clock) {
        this.invoices = invoices;
        this.recipients = recipients;
        this.history = history;
        this.audit = audit;
        this.events = events;
        this.cache = cache;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Stores a validated invoice in (recipient, slot). In AUTO approval mode it is ACTIVE at once,
     * supersedes the slot's current invoices, and its confirmation is due after commit. In MANUAL
     * mode it waits PENDING (superseding only an older pending one) with its reply path kept for the
     * operator's approval, while the slot's approved invoice is still served. The same bytes sent
     * again (LDK repeats ServeStaticInvoice until it is confirmed) store nothing new: an ACTIVE
     * invoice is confirmed again, a PENDING one keeps waiting with the newest reply path. The
     * recipient row is share-locked, so a revocation committing meanwhile is seen, never raced.
     */
    @Transactional
    public StoredInvoice store(Recipient recipient, int slot, InvoiceSummary summary, byte[] invoice,
                               byte[] forwardPath, byte[] replyPath) {
        Instant now = clock.instant();
        if (!recipients.lockShared(recipient.getId()).map(Recipient::isActive).orElse(false)) {
            throw new RecipientRevokedException(HexFormat.of().formatHex(recipient.getRecipientId()));
        }
        List<StoredInvoice> current = invoices.lockCurrent(recipient, slot);
        Optional<StoredInvoice> resent = current.stream()
                .filter(stored -> Arrays.equals(stored.getInvoice(), invoice)).findFirst();
        if (resent.isPresent()) {
            StoredInvoice same = resent.get();
            if (replyPath != null && same.getStatus() == InvoiceStatus.ACTIVE) {
                events.publishEvent(new ConfirmationDue(same.getId(), replyPath));
            } else if (replyPath != null) {
                same.replaceReplyPath(replyPath);
            }
            return same;
        }
        boolean manual = properties.approval().mode() == ApprovalMode.MANUAL;
        current.stream()
                .filter(stored -> !manual || stored.getStatus() == InvoiceStatus.PENDING)
                .forEach(stored -> supersede(stored, "replaced by a new invoice for slot " + slot, now));
        invoices.flush();
        StoredInvoice stored = invoices.save(new StoredInvoice(recipient, slot, summary, invoice, forwardPath,
                replyPath, manual ? InvoiceStatus.PENDING : InvoiceStatus.ACTIVE, now));
        cache.invalidateOnCommit(recipient.getId());
        history.save(new InvoiceHistoryEntry(stored.getId(), null, stored.getStatus(), now, AuditLog.PROTOCOL,
                manual ? "awaiting operator approval" : null));
        audit.record(AuditKind.INVOICE_STORED, AuditLog.PROTOCOL, recipient.getId(), stored.getId(),
                "slot " + slot + ", " + invoice.length + " bytes, " + stored.getStatus());
        if (!manual && replyPath != null) {
            events.publishEvent(new ConfirmationDue(stored.getId(), replyPath));
        }
        return stored;
    }

    /**
     * Approves a PENDING invoice: it replaces the slot's ACTIVE invoice, and its confirmation is sent
     * after commit. Approving an ACTIVE one changes nothing.
     */
    @Transactional
    public StoredInvoice approve(long invoiceId, String actor) {
        StoredInvoice invoice = find(invoiceId);
        if (invoice.getStatus() == InvoiceStatus.ACTIVE) {
            return invoice;
        }
        Instant now = clock.instant();
        invoice.requireApprovable(now);
        invoices.findByRecipientAndSlotAndStatus(invoice.getRecipient(), invoice.getSlot(), InvoiceStatus.ACTIVE)
                .ifPresent(active -> supersede(active, "replaced by approved invoice " + invoiceId, now));
        invoices.flush();
        invoice.approve(now);
        cache.invalidateOnCommit(invoice.getRecipient().getId());
        history.save(new InvoiceHistoryEntry(invoiceId, InvoiceStatus.PENDING, InvoiceStatus.ACTIVE, now, actor, null));
        audit.record(AuditKind.INVOICE_APPROVED, actor, invoice.getRecipient().getId(), invoiceId, null);
        invoice.getReplyPath().ifPresent(path -> events.publishEvent(new ConfirmationDue(invoiceId, path)));
        return invoice;
    }

    /** Revokes a current invoice so it is no longer served; revoking a REVOKED one changes nothing. */
    @Transactional
    public StoredInvoice revoke(long invoiceId, String reason, String actor) {
        StoredInvoice invoice = find(invoiceId);
        if (invoice.getStatus() != InvoiceStatus.REVOKED) {
            revoke(invoice, reason, actor);
        }
        return invoice;
    }

    /** Revokes every current invoice of a recipient (the recipient itself is being revoked). */
    @Transactional
    public void revokeAll(Recipient recipient, String reason, String actor) {
        invoices.findByRecipientAndStatusIn(recipient, List.of(InvoiceStatus.PENDING, InvoiceStatus.ACTIVE))
                .forEach(invoice -> revoke(invoice, reason, actor));
    }

    /**
     * What an invoice_request for a slot needs: the forward path of the slot's latest invoice
     * (whatever its status, so requests still reach a recipient whose invoice was revoked) and the
     * slot's ACTIVE invoice, whose expiry the caller judges (a cached answer outlives the instant it was read).
     */
    @Transactional(readOnly = true)
    public Optional<SlotInvoices> findForRequest(Recipient recipient, int slot) {
        return invoices.findFirstByRecipientAndSlotOrderByIdDesc(recipient, slot).map(latest -> {
            Optional<StoredInvoice> active = latest.getStatus() == InvoiceStatus.ACTIVE ? Optional.of(latest)
                    : invoices.findFirstByRecipientAndSlotAndStatus(recipient, slot, InvoiceStatus.ACTIVE);
            return new SlotInvoices(StoredPaths.decode(latest.getForwardPath()), active.map(invoice ->
                    new ServableInvoice(invoice.getId(), invoice.getInvoice(), invoice.getExpiresAt())));
        });
    }

    /**
     * Writes servings counted by the {@link ServeRecorder} in three statements whatever their number:
     * locks the invoices' rows in id order, adds each invoice's count and last time, and appends an
     * audit event per invoice.
     */
    @Transactional
    public void recordServed(List<ServeRecorder.Servings> servings) {
        Long[] ids = servings.stream().map(ServeRecorder.Servings::invoiceId).toArray(Long[]::new);
        invoices.lockInOrder(ids);
        invoices.recordServed(ids, servings.stream().map(ServeRecorder.Servings::times).toArray(Long[]::new),
                servings.stream().map(ServeRecorder.Servings::last).toArray(Instant[]::new));
        audit.recordAll(AuditKind.INVOICE_SERVED, AuditLog.PROTOCOL, servings.stream()
                .map(served -> new AuditLog.Subject(served.recipientPk(), served.invoiceId(),
                        served.times() == 1 ? null : "served " + served.times() + " times"))
                .toList());
    }

    /** Records that the confirmation of a stored invoice went out. */
    public void markConfirmed(long invoiceId) {
        invoices.recordConfirmed(invoiceId, clock.instant());
    }

    /** Marks up to {@code batchSize} invoices past their expiry EXPIRED; safe with several replicas (row locks). */
    @Transactional
    public int expireDue() {
        Instant now = clock.instant();
        List<StoredInvoice> due = invoices.lockExpired(now, Limit.of(properties.maintenance().batchSize()));
        for (StoredInvoice invoice : due) {
            InvoiceStatus from = invoice.getStatus();
            invoice.expire();
            cache.invalidateOnCommit(invoice.getRecipient().getId());
            history.save(new InvoiceHistoryEntry(invoice.getId(), from, InvoiceStatus.EXPIRED, now,
                    AuditLog.PROTOCOL, "invoice expired at " + invoice.getExpiresAt()));
            audit.record(AuditKind.INVOICE_EXPIRED, AuditLog.PROTOCOL, invoice.getRecipient().getId(),
                    invoice.getId(), null);
        }
        return due.size();
    }

    private void supersede(StoredInvoice previous, String reason, Instant now) {
        InvoiceStatus from = previous.getStatus();
        previous.supersede(now);
        history.save(new InvoiceHistoryEntry(previous.getId(), from, InvoiceStatus.SUPERSEDED, now, AuditLog.PROTOCOL,
                reason));
        audit.record(AuditKind.INVOICE_SUPERSEDED, AuditLog.PROTOCOL, previous.getRecipient().getId(),
                previous.getId(), reason);
    }

    private void revoke(StoredInvoice invoice, String reason, String actor) {
        Instant now = clock.instant();
        InvoiceStatus from = invoice.getStatus();
        invoice.revoke(reason, now);
        cache.invalidateOnCommit(invoice.getRecipient().getId());
        history.save(new InvoiceHistoryEntry(invoice.getId(), from, InvoiceStatus.REVOKED, now, actor, reason));
        audit.record(AuditKind.INVOICE_REVOKED, actor, invoice.getRecipient().getId(), invoice.getId(), reason);
    }

    private StoredInvoice find(long invoiceId) {
        return invoices.findById(invoiceId).orElseThrow(() -> new NotFoundException("invoice " + invoiceId));
    }

    /**
     * A slot as the invoice_request handler sees it.
     *
     * @param forwardPath where to forward invoice_requests to the recipient, decoded once (its points
     *                    checked) when the slot is read, not per request
     * @param servable    the ACTIVE invoice payers are answered with until it expires, if any
     */
    public record SlotInvoices(BlindedMessagePath forwardPath, Optional<ServableInvoice> servable) {

        /** Bytes held: the forward path's encoding and the invoice. */
        int weight() {
            return StoredPaths.encode(forwardPath).length + servable.map(invoice -> invoice.invoice().length).orElse(0);
        }
    }

    /** An ACTIVE invoice payers are answered with: its id, bytes and expiry. */
    public record ServableInvoice(long id, byte[] invoice, Instant expiresAt) {

        public boolean isServable(Instant now) {
            return now.isBefore(expiresAt);
        }
    }

    /** A StaticInvoicePersisted that must go out on {@code replyPath} once the storing transaction commits. */
    public record ConfirmationDue(long invoiceId, byte[] replyPath) {
    }
}
