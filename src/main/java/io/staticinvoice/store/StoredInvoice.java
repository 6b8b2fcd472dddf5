package io.staticinvoice.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.DynamicUpdate;
import java.time.Instant;
import java.util.Optional;

/**
 * A static invoice a recipient handed over in ServeStaticInvoice, stored in its
 * (recipient, slot) place with the paths needed to forward requests and confirm storage.
 * Updates write only the columns that changed ({@code @DynamicUpdate}), so a status change never
 * overwrites the serving counters and confirmation time that bulk updates maintain.
 */
@Entity
@Table(name = "static_invoice")
@DynamicUpdate
public class StoredInvoice {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "recipient_id", nullable = false, updatable = false)
    private Recipient recipient;

    @Column(nullable = false, updatable = false)
    private int slot;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private InvoiceStatus status;

    @Column(nullable = false, updatable = false)
    private byte[] invoice;

    @Column(name = "forward_path", nullable = false, updatable = false)
    private byte[] forwardPath;

    @Column(name = "reply_path")
    private byte[] replyPath;

    @Column(name = "offer_id", nullable = false, updatable = false)
    private byte[] offerId;

    @Column(name = "signing_pubkey", nullable = false, updatable = false)
    private byte[] signingPubkey;

    @Column(name = "amount_msat", updatable = false)
    private Long amountMsat;

    @Column(updatable = false)
    private String currency;

    @Column(updatable = false)
    private String description;

    @Column(name = "payment_path_count", nullable = false, updatable = false)
    private int paymentPathCount;

    @Column(name = "invoice_created_at", nullable = false, updatable = false)
    private Instant invoiceCreatedAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;

    @Column(name = "stored_at", nullable = false, updatable = false)
    private Instant storedAt;

    @Column(name = "approved_at")
    private Instant approvedAt;

    @Column(name = "confirmed_at")
    private Instant confirmedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "revoke_reason")
    private String revokeReason;

    @Column(name = "superseded_at")
    private Instant supersededAt;

    @Column(name = "served_count", nullable = false)
    private long servedCount;

    @Column(name = "last_served_at")
    private Instant lastServedAt;

    @Version
    private long version;

    protected StoredInvoice() {
    }

    public StoredInvoice(Recipient recipient, int slot, InvoiceSummary summary, byte[] invoice,
                         byte[] forwardPath, byte[] replyPath, InvoiceStatus initialStatus, Instant now) {
        if (!initialStatus.isCurrent()) {
            throw new IllegalArgumentException("a new invoice starts PENDING or ACTIVE");
        }
        this.recipient = recipient;
        this.slot = slot;
        this.status = initialStatus;
        this.invoice = invoice.clone();
        this.forwardPath = forwardPath.clone();
        this.replyPath = replyPath == null ? null : replyPath.clone();
        this.offerId = summary.offerId().clone();
        this.signingPubkey = summary.signingPubkey().clone();
        this.amountMsat = summary.amountMsat();
        this.currency = summary.currency();
        this.description = summary.description();
        this.paymentPathCount = summary.paymentPathCount();
        this.invoiceCreatedAt = summary.createdAt();
        this.expiresAt = summary.expiresAt();
        this.storedAt = now;
        this.approvedAt = initialStatus == InvoiceStatus.ACTIVE ? now : null;
    }

    public Long getId() {
        return id;
    }

    public Recipient getRecipient() {
        return recipient;
    }

    public int getSlot() {
        return slot;
    }

    public InvoiceStatus getStatus() {
        return status;
    }

    public byte[] getInvoice() {
        return invoice.clone();
    }

    public byte[] getForwardPath() {
        return forwardPath.clone();
    }

    public Optional<byte[]> getReplyPath() {
        return Optional.ofNullable(replyPath).map(byte[]::clone);
    }

    public InvoiceSummary getSummary() {
        return new InvoiceSummary(offerId, signingPubkey, amountMsat, currency, description,
                paymentPathCount, invoiceCreatedAt, expiresAt);
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public Instant getStoredAt() {
        return storedAt;
    }

    public Optional<Instant> getApprovedAt() {
        return Optional.ofNullable(approvedAt);
    }

    public Optional<Instant> getConfirmedAt() {
        return Optional.ofNullable(confirmedAt);
    }

    public Optional<Instant> getRevokedAt() {
        return Optional.ofNullable(revokedAt);
    }

    public Optional<String> getRevokeReason() {
        return Optional.ofNullable(revokeReason);
    }

    public Optional<Instant> getSupersededAt() {
        return Optional.ofNullable(supersededAt);
    }

    public long getServedCount() {
        return servedCount;
    }

    public Optional<Instant> getLastServedAt() {
        return Optional.ofNullable(lastServedAt);
    }

    /** Keeps the newest reply path a recipient gave for this invoice, for the confirmation still due. */
    public void replaceReplyPath(byte[] replyPath) {
        this.replyPath = replyPath.clone();
    }

    /** Whether a payer's invoice_request may be answered with this invoice at {@code now}. */
    public boolean isServable(Instant now) {
        return status == InvoiceStatus.ACTIVE && now.isBefore(expiresAt);
    }

    /** Throws unless the invoice is PENDING and unexpired at {@code now}. */
    public void requireApprovable(Instant now) {
        requireStatus(InvoiceStatus.PENDING, "approve");
        if (!now.isBefore(expiresAt)) {
            throw new IllegalInvoiceTransitionException(id, status, "approve an expired");
        }
    }

    /** PENDING to ACTIVE. Throws when the invoice is not PENDING or has expired meanwhile. */
    public void approve(Instant now) {
        requireApprovable(now);
        status = InvoiceStatus.ACTIVE;
        approvedAt = now;
    }

    public void supersede(Instant now) {
        requireCurrent("supersede");
        status = InvoiceStatus.SUPERSEDED;
        supersededAt = now;
    }

    public void revoke(String reason, Instant now) {
        requireCurrent("revoke");
        status = InvoiceStatus.REVOKED;
        revokedAt = now;
        revokeReason = reason;
    }

    public void expire() {
        requireCurrent("expire");
        status = InvoiceStatus.EXPIRED;
    }

    private void requireCurrent(String action) {
        if (!status.isCurrent()) {
            throw new IllegalInvoiceTransitionException(id, status, action);
        }
    }

    private void requireStatus(InvoiceStatus expected, String action) {
        if (status != expected) {
            throw new IllegalInvoiceTransitionException(id, status, action);
        }
    }
}
