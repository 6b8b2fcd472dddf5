package io.staticinvoice.store;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Status changes of stored invoices, oldest first. */
public interface InvoiceHistoryRepository extends JpaRepository<InvoiceHistoryEntry, Long> {

    List<InvoiceHistoryEntry> findByInvoiceIdOrderByIdAsc(Long invoiceId);
}
