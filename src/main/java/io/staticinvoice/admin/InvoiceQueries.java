package io.staticinvoice.admin;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.server.NotFoundException;
import io.staticinvoice.store.InvoiceHistoryRepository;
import io.staticinvoice.store.InvoiceStatus;
import io.staticinvoice.store.Recipient;
import io.staticinvoice.store.StoredInvoice;
import io.staticinvoice.store.StoredInvoiceRepository;
import jakarta.persistence.criteria.JoinType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The read side of {@code /api/v1/invoices}: filtered pages, one invoice decoded, its history. */
@Service
@Transactional(readOnly = true)
class InvoiceQueries {

    private final StoredInvoiceRepository invoices;
    private final InvoiceHistoryRepository history;
    private final RecipientQueries recipients;

    InvoiceQueries(StoredInvoiceRepository invoices, InvoiceHistoryRepository history, RecipientQueries recipients) {
        this.invoices = invoices;
        this.history = history;
        this.recipients = recipients;
    }

    /**
     * @param recipientId    only this recipient's invoices (404 when unknown); null = all
     * @param status         only invoices in this status; null = all
     * @param expiringBefore only invoices expiring before this instant; null = all
     */
    PageResponse<InvoiceResponse> list(byte[] recipientId, InvoiceStatus status, Instant expiringBefore,
                                       Pageable pageable) {
        List<Specification<StoredInvoice>> filters = new ArrayList<>();
        if (recipientId != null) {
            Recipient recipient = recipients.require(recipientId);
            filters.add((root, query, cb) -> cb.equal(root.get("recipient"), recipient));
        }
        if (status != null) {
            filters.add((root, query, cb) -> cb.equal(root.get("status"), status));
        }
        if (expiringBefore != null) {
            filters.add((root, query, cb) -> cb.lessThan(root.get("expiresAt"), expiringBefore));
        }
        Specification<StoredInvoice> matching = Specification.allOf(filters);
        Specification<StoredInvoice> withRecipient = matching.and((root, query, cb) -> {
            root.fetch("recipient", JoinType.INNER);
            return null;
        });
        return PageResponse.of(invoices.findAll(withRecipient, matching, pageable), InvoiceResponse::of);
    }

    /** The invoice with its bytes decoded; bytes that no longer decode are reported, not fatal. */
    InvoiceDetailResponse detail(long invoiceId) {
        StoredInvoice invoice = require(invoiceId);
        byte[] bytes = invoice.getInvoice();
        DecodedInvoiceResponse decoded = null;
        String decodeError = null;
        try {
            decoded = DecodedInvoiceResponse.decode(bytes);
        } catch (DecodeException e) {
            decodeError = e.getMessage();
        }
        return new InvoiceDetailResponse(InvoiceResponse.of(invoice), decoded, decodeError, Hex.encode(bytes));
    }

    InvoiceResponse get(long invoiceId) {
        return InvoiceResponse.of(require(invoiceId));
    }

    List<HistoryEntryResponse> history(long invoiceId) {
        if (!invoices.existsById(invoiceId)) {
            throw new NotFoundException("invoice " + invoiceId);
        }
        return history.findByInvoiceIdOrderByIdAsc(invoiceId).stream().map(HistoryEntryResponse::of).toList();
    }

    private StoredInvoice require(long invoiceId) {
        return invoices.findById(invoiceId).orElseThrow(() -> new NotFoundException("invoice " + invoiceId));
    }
}
