package io.staticinvoice.store;

/** An invoice status change that its current status does not allow (e.g. approving a revoked invoice). */
public class IllegalInvoiceTransitionException extends RuntimeException {

    private final InvoiceStatus current;

    public IllegalInvoiceTransitionException(Long invoiceId, InvoiceStatus current, String action) {
        super("cannot " + action + " invoice " + invoiceId + " in status " + current);
        this.current = current;
    }

    public InvoiceStatus current() {
        return current;
    }
}
