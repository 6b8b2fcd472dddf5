package io.staticinvoice.server;

import io.staticinvoice.store.Recipient;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counts the servings of static invoices (DESIGN.md step 4) in memory and writes them every
 * {@code sis.serve-records.flush-interval} in one transaction: per invoice the number of servings,
 * the last serving time and one INVOICE_SERVED audit event. A transaction per invoice_request (an
 * update and an audit insert) cost as much as the rest of serving's database work together; in
 * batches the cost follows the number of distinct invoices served per interval, which also bounds
 * the memory used. The counts are statistics that no peer was promised: a crash loses at most one
 * interval of them, a shutdown writes them, and a failed write keeps them for the next one.
 */
@Component
public class ServeRecorder {

    private static final Logger log = LoggerFactory.getLogger(ServeRecorder.class);

    private final InvoiceService invoices;
    private final Clock clock;
    private final ConcurrentHashMap<Long, Servings> pending = new ConcurrentHashMap<>();

    public ServeRecorder(InvoiceService invoices, Clock clock) {
        this.invoices = invoices;
        this.clock = clock;
    }

    /**
     * Servings of one invoice not yet written.
     *
     * @param invoiceId   the stored invoice
     * @param recipientPk its recipient's database id, for the audit event
     * @param times       how often it was served
     * @param last        when it was last served
     */
    public record Servings(long invoiceId, long recipientPk, long times, Instant last) {

        Servings plus(Servings other) {
            return new Servings(invoiceId, recipientPk, times + other.times, last.isAfter(other.last) ? last : other.last);
        }
    }

    /** Counts one serving of {@code invoiceId}, now. */
    public void record(long invoiceId, Recipient recipient) {
        pending.merge(invoiceId, new Servings(invoiceId, recipient.getId(), 1, clock.instant()), Servings::plus);
    }

    /** Writes every serving counted so far; on failure they stay counted for the next write. */
    @Scheduled(fixedDelayString = "${sis.serve-records.flush-interval:1s}",
            initialDelayString = "${sis.serve-records.flush-interval:1s}")
    public synchronized void flush() {
        List<Servings> batch = new ArrayList<>();
        for (Long invoiceId : pending.keySet()) {
            Servings taken = pending.remove(invoiceId);
            if (taken != null) {
                batch.add(taken);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        // One order for every replica, so that two concurrent writes never wait on each other's rows.
        batch.sort(Comparator.comparingLong(Servings::invoiceId));
        try {
            invoices.recordServed(batch);
        } catch (RuntimeException e) {
            batch.forEach(servings -> pending.merge(servings.invoiceId(), servings, Servings::plus));
            log.warn("Could not record the servings of {} invoice(s), keeping them for the next write: {}",
                    batch.size(), e.toString());
        }
    }

    @PreDestroy
    void flushOnShutdown() {
        flush();
    }
}
