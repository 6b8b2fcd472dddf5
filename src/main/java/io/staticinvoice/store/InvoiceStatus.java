package io.staticinvoice.store;

/**
 * Lifecycle of a stored static invoice. PENDING waits for operator approval (manual mode),
 * ACTIVE is served; the others are history.
 */
public enum InvoiceStatus {
    PENDING,
    ACTIVE,
    REVOKED,
    EXPIRED,
    SUPERSEDED;

    /** Whether the invoice still occupies its (recipient, slot) place. */
    public boolean isCurrent() {
        return this == PENDING || this == ACTIVE;
    }
}
