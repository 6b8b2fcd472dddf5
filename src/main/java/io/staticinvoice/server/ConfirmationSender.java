package io.staticinvoice.server;

import io.staticinvoice.lightning.asyncpay.StaticInvoicePersisted;
import io.staticinvoice.server.InvoiceService.ConfirmationDue;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Sends {@code StaticInvoicePersisted {}} (75546) on the reply path of a recipient's
 * ServeStaticInvoice once the transaction that stored (or approved) the invoice has committed, so
 * the server never confirms what it could still lose. Works on any replica: the reply path is
 * stored with the invoice.
 */
@Component
public class ConfirmationSender {

    private final Replies replies;
    private final InvoiceService invoices;
    private final Executor executor;

    public ConfirmationSender(Replies replies, InvoiceService invoices,
                              @Qualifier("applicationTaskExecutor") Executor executor) {
        this.replies = replies;
        this.invoices = invoices;
        this.executor = executor;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    public void onConfirmationDue(ConfirmationDue due) {
        replies.send(StoredPaths.decode(due.replyPath()), new StaticInvoicePersisted().toRecord(), Optional.empty(),
                        "static_invoice_persisted")
                .thenRunAsync(() -> invoices.markConfirmed(due.invoiceId()), executor);
    }
}
