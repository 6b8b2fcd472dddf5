package io.staticinvoice.store;

/** The kinds of events the audit log records. */
public enum AuditKind {
    RECIPIENT_REGISTERED,
    RECIPIENT_UPDATED,
    RECIPIENT_REVOKED,
    PATHS_ISSUED,
    INVOICE_STORED,
    INVOICE_SUPERSEDED,
    INVOICE_APPROVED,
    INVOICE_SERVED,
    INVOICE_REVOKED,
    INVOICE_EXPIRED
}
