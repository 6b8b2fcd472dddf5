package io.staticinvoice.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The hash of one blinded path the server handed a recipient in OfferPaths for a slot; a
 * ServeStaticInvoice is accepted only when its offer uses paths issued for that slot.
 */
@Entity
@Table(name = "offer_path")
public class OfferPath {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "recipient_id", nullable = false, updatable = false)
    private Recipient recipient;

    @Column(nullable = false, updatable = false)
    private int slot;

    @Column(name = "path_hash", nullable = false, updatable = false)
    private byte[] pathHash;

    @Column(name = "issued_at", nullable = false, updatable = false)
    private Instant issuedAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;

    protected OfferPath() {
    }

    public OfferPath(Recipient recipient, int slot, byte[] pathHash, Instant issuedAt, Instant expiresAt) {
        this.recipient = recipient;
        this.slot = slot;
        this.pathHash = pathHash.clone();
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
    }

    public Long getId() {
        return id;
    }

    public int getSlot() {
        return slot;
    }

    public byte[] getPathHash() {
        return pathHash.clone();
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }
}
