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

/** One entry of the append-only audit log: a protocol event or an operator's change. */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private AuditKind kind;

    @Column(nullable = false, updatable = false)
    private String actor;

    @Column(name = "recipient_id", updatable = false)
    private Long recipientId;

    @Column(name = "invoice_id", updatable = false)
    private Long invoiceId;

    @Column(updatable = false)
    private String detail;

    protected AuditEvent() {
    }

    public AuditEvent(AuditKind kind, String actor, Long recipientId, Long invoiceId, String detail, Instant occurredAt) {
        this.kind = kind;
        this.actor = actor;
        this.recipientId = recipientId;
        this.invoiceId = invoiceId;
        this.detail = detail;
        this.occurredAt = occurredAt;
    }

    public Long getId() {
        return id;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public AuditKind getKind() {
        return kind;
    }

    public String getActor() {
        return actor;
    }

    public Optional<Long> getRecipientId() {
        return Optional.ofNullable(recipientId);
    }

    public Optional<Long> getInvoiceId() {
        return Optional.ofNullable(invoiceId);
    }

    public Optional<String> getDetail() {
        return Optional.ofNullable(detail);
    }
}
