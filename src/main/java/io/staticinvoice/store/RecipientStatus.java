package io.staticinvoice.store;

/** Lifecycle of a registered recipient: a revoked one gets no answers and its paths stop working. */
public enum RecipientStatus {
    ACTIVE,
    REVOKED
}
