package io.staticinvoice.admin;

import io.staticinvoice.server.RequestStats;
import io.staticinvoice.store.InvoiceStatus;
import io.staticinvoice.store.RecipientStatus;
import jakarta.persistence.EntityManager;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The figures of {@code /api/v1/stats}: status counts from the database, request outcomes from {@link RequestStats}. */
@Service
@Transactional(readOnly = true)
class StatsQueries {

    /** The prefix of {@link RequestStats} outcomes that count a dropped request, e.g. {@code dropped.rate_limited}. */
    private static final String DROPPED = "dropped.";
    private static final String SERVED = "served";

    private final EntityManager entityManager;
    private final RequestStats requests;

    StatsQueries(EntityManager entityManager, RequestStats requests) {
        this.entityManager = entityManager;
        this.requests = requests;
    }

    StatsResponse stats() {
        Map<InvoiceStatus, Long> invoices = invoicesByStatus();
        Map<RecipientStatus, Long> recipients = countByStatus("Recipient", RecipientStatus.class);
        long served = 0;
        Map<String, Long> dropped = new TreeMap<>();
        Map<String, Long> other = new TreeMap<>();
        for (Map.Entry<String, Long> outcome : requests.lastHour().entrySet()) {
            if (outcome.getKey().equals(SERVED)) {
                served = outcome.getValue();
            } else if (outcome.getKey().startsWith(DROPPED)) {
                dropped.put(outcome.getKey().substring(DROPPED.length()), outcome.getValue());
            } else {
                other.put(outcome.getKey(), outcome.getValue());
            }
        }
        long droppedTotal = dropped.values().stream().mapToLong(Long::longValue).sum();
        return new StatsResponse(invoices, recipients,
                new StatsResponse.RequestsLastHour(served, droppedTotal, dropped, other));
    }

    /** Stored invoices per status (all replicas), with a zero for every status that has none. */
    Map<InvoiceStatus, Long> invoicesByStatus() {
        return countByStatus("StoredInvoice", InvoiceStatus.class);
    }

    /** Counts per status, with a zero for every status that has no rows. */
    private <S extends Enum<S>> Map<S, Long> countByStatus(String entity, Class<S> statuses) {
        Map<S, Long> counts = new EnumMap<>(statuses);
        for (S status : statuses.getEnumConstants()) {
            counts.put(status, 0L);
        }
        entityManager.createQuery("select e.status, count(e) from " + entity + " e group by e.status", Object[].class)
                .getResultList()
                .forEach(row -> counts.put(statuses.cast(row[0]), (Long) row[1]));
        return counts;
    }
}
