package io.staticinvoice.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A wallet registered by the operator, for which the server stores and serves static invoices. */
@Entity
@Table(name = "recipient")
public class Recipient {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "recipient_id", nullable = false, updatable = false)
    private byte[] recipientId;

    private String label;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private RecipientStatus status;

    @Column(name = "max_slots", nullable = false)
    private int maxSlots;

    @Column(name = "paths_relative_expiry_s")
    private Long pathsRelativeExpirySeconds;

    @Column(name = "paths_expire_at")
    private Instant pathsExpireAt;

    @Column(name = "request_burst")
    private Integer requestBurst;

    @Column(name = "request_refill_ms")
    private Integer requestRefillMillis;

    @Column(name = "store_burst")
    private Integer storeBurst;

    @Column(name = "store_refill_ms")
    private Integer storeRefillMillis;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Version
    private long version;

    protected Recipient() {
    }

    public Recipient(byte[] recipientId, String label, int maxSlots, Duration pathsRelativeExpiry, Instant now) {
        this.recipientId = recipientId.clone();
        this.label = label;
        this.maxSlots = maxSlots;
        this.pathsRelativeExpirySeconds = pathsRelativeExpiry == null ? null : pathsRelativeExpiry.toSeconds();
        this.status = RecipientStatus.ACTIVE;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public Long getId() {
        return id;
    }

    public byte[] getRecipientId() {
        return recipientId.clone();
    }

    public String getLabel() {
        return label;
    }

    public RecipientStatus getStatus() {
        return status;
    }

    public boolean isActive() {
        return status == RecipientStatus.ACTIVE;
    }

    public int getMaxSlots() {
        return maxSlots;
    }

    public Optional<Duration> getPathsRelativeExpiry() {
        return Optional.ofNullable(pathsRelativeExpirySeconds).map(Duration::ofSeconds);
    }

    public Optional<Instant> getPathsExpireAt() {
        return Optional.ofNullable(pathsExpireAt);
    }

    public Optional<RateOverride> getRequestRateOverride() {
        return RateOverride.of(requestBurst, requestRefillMillis);
    }

    public Optional<RateOverride> getStoreRateOverride() {
        return RateOverride.of(storeBurst, storeRefillMillis);
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Optional<Instant> getRevokedAt() {
        return Optional.ofNullable(revokedAt);
    }

    public void pathsIssued(Instant expiresAt, Instant now) {
        this.pathsExpireAt = expiresAt;
        this.updatedAt = now;
    }

    public void relabel(String label, Instant now) {
        this.label = label;
        this.updatedAt = now;
    }

    public void changeMaxSlots(int maxSlots, Instant now) {
        this.maxSlots = maxSlots;
        this.updatedAt = now;
    }

    public void overrideRequestRate(RateOverride override, Instant now) {
        this.requestBurst = override == null ? null : override.burst();
        this.requestRefillMillis = override == null ? null : override.refillMillis();
        this.updatedAt = now;
    }

    public void overrideStoreRate(RateOverride override, Instant now) {
        this.storeBurst = override == null ? null : override.burst();
        this.storeRefillMillis = override == null ? null : override.refillMillis();
        this.updatedAt = now;
    }

    /** Revokes the recipient; returns false when it already was. */
    public boolean revoke(Instant now) {
        if (status == RecipientStatus.REVOKED) {
            return false;
        }
        status = RecipientStatus.REVOKED;
        revokedAt = now;
        updatedAt = now;
        return true;
    }
}
