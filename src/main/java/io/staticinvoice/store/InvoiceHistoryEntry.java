package io.staticinvoice.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** One status change of a stored invoice: who moved it from which status to which, and why. */
@Entity
@Table(name = "static_invoice_history")
public class InvoiceHistoryEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "invoice_id", nullable = false, updatable = false)
    private Long invoiceId;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status", updatable = false)
    private InvoiceStatus fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status", nullable = false, updatable = false)
    private InvoiceStatus toStatus;

    @Column(name = "changed_at", nullable = false, updatable = false)
    private Instant changedAt;

    @Column(nullable = false, updatable = false)
    private String actor;

    @Column(updatable = false)
    private String reason;

    protected InvoiceHistoryEntry() {
    }

    public InvoiceHistoryEntry(Long invoiceId, InvoiceStatus fromStatus, InvoiceStatus toStatus,
                               Instant changedAt, String actor, String reason) {
        this.invoiceId = invoiceId;
        this.fromStatus = fromStatus;
        this.toStatus = toStatus;
        this.changedAt = changedAt;
        this.actor = actor;
        this.reason = reason;
    }

    public Long getId() {
        return id;
    }

    public Long getInvoiceId() {
        return invoiceId;
    }

    public Optional<InvoiceStatus> getFromStatus() {
        return Optional.ofNullable(fromStatus);
    }

    public InvoiceStatus getToStatus() {
        return toStatus;
    }

    public Instant getChangedAt() {
        return changedAt;
    }

    public String getActor() {
        return actor;
    }

    public Optional<String> getReason() {
        return Optional.ofNullable(reason);
    }
}
