package io.staticinvoice.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.staticinvoice.config.ProtocolProperties;
import io.staticinvoice.server.InvoiceService.SlotInvoices;
import io.staticinvoice.store.Recipient;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What this replica holds in memory to answer invoice_requests without a database round trip:
 * per recipient, its row and the invoices of the slots payers asked for (the servable invoice and
 * the forward path). The database defines it (DESIGN.md, "One node, many replicas"): every change
 * to a recipient or its invoices notifies {@code sis_serving} on commit (triggers of migration V6),
 * and {@link ServingInvalidations} drops the recipient here when the notification arrives.
 *
 * <p>Guarantee: once the notification of a committed change has been received, nothing read
 * before it is served. A load that overlaps an invalidation is answered but not kept (an epoch
 * counter, changed by every invalidation, must be the same before the read and at the put). While
 * the replica is not listening (at start, and from a lost LISTEN connection until a new one is
 * listening and everything held is dropped) nothing is kept and every lookup reads the database.
 * Bounded by {@code sis.serving-cache.max-size} in bytes, least recently used recipients first.
 */
@Component
public class ServingCache {

    /** Per-entry overhead counted besides the invoice and path bytes. */
    private static final int ENTRY_OVERHEAD = 256;

    private final Cache<Long, Entry> entries;
    private final Object lock = new Object();
    private final Counter hits;
    private final Counter misses;
    private final Counter bypasses;
    private final Counter invalidations;
    private long epoch;
    private boolean listening;

    public ServingCache(ProtocolProperties properties, MeterRegistry meters) {
        this.entries = Caffeine.newBuilder()
                .maximumWeight(properties.servingCache().maxSize().toBytes())
                .weigher((Long key, Entry entry) -> entry.weight())
                .build();
        this.hits = lookups(meters, "hit");
        this.misses = lookups(meters, "miss");
        this.bypasses = lookups(meters, "bypass");
        this.invalidations = Counter.builder("sis.serving.cache.invalidations")
                .description("recipients dropped from memory on a sis_serving notification").register(meters);
        Gauge.builder("sis.serving.cache.recipients", entries, Cache::estimatedSize)
                .description("recipients held in memory to answer invoice_requests").register(meters);
    }

    private static Counter lookups(MeterRegistry meters, String result) {
        return Counter.builder("sis.serving.cache.lookups").tag("result", result)
                .description("lookups of a recipient or a slot's invoices: hit (memory), miss (read and kept), "
                        + "bypass (read, not kept: not listening or changed meanwhile)")
                .register(meters);
    }

    /** The recipient with this key, from memory or {@code loader}. */
    public Optional<Recipient> recipient(long key, Supplier<Optional<Recipient>> loader) {
        Entry entry = entries.getIfPresent(key);
        if (entry != null) {
            hits.increment();
            return Optional.of(entry.recipient());
        }
        long before = epoch();
        Optional<Recipient> loaded = loader.get();
        loaded.ifPresent(recipient -> keep(before, key, current -> current != null ? current
                : new Entry(recipient, Map.of())));
        return loaded;
    }

    /** A slot's invoices for a recipient returned by {@link #recipient}, from memory or {@code loader}. */
    public Optional<SlotInvoices> slot(Recipient recipient, int slot, Supplier<Optional<SlotInvoices>> loader) {
        long key = recipient.getId();
        Entry entry = entries.getIfPresent(key);
        if (entry != null && entry.slots().containsKey(slot)) {
            hits.increment();
            return entry.slots().get(slot);
        }
        long before = epoch();
        Optional<SlotInvoices> loaded = loader.get();
        keep(before, key, current -> current == null ? null : current.withSlot(slot, loaded));
        return loaded;
    }

    /**
     * Drops what is held for one recipient once the current transaction commits (at once outside
     * one): this replica then answers its own changes without waiting for their notification.
     */
    public void invalidateOnCommit(long recipientKey) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            invalidate(recipientKey);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                invalidate(recipientKey);
            }
        });
    }

    /** Drops what is held for one recipient: a change to it was committed. */
    public void invalidate(long recipientKey) {
        synchronized (lock) {
            epoch++;
            entries.invalidate(recipientKey);
        }
        invalidations.increment();
    }

    /**
     * Whether notifications are being received. Either way everything held is dropped: going
     * deaf, nothing held can be trusted any more; starting to listen, changes made while deaf
     * were never announced.
     */
    public void listening(boolean listening) {
        synchronized (lock) {
            epoch++;
            entries.invalidateAll();
            this.listening = listening;
        }
    }

    public boolean isListening() {
        synchronized (lock) {
            return listening;
        }
    }

    private long epoch() {
        synchronized (lock) {
            return epoch;
        }
    }

    /** Keeps {@code update(current entry)} if no invalidation came since {@code before}; null keeps nothing. */
    private void keep(long before, long key, UnaryOperator<Entry> update) {
        synchronized (lock) {
            Entry updated = listening && epoch == before ? update.apply(entries.getIfPresent(key)) : null;
            if (updated == null) {
                bypasses.increment();
                return;
            }
            entries.put(key, updated);
        }
        misses.increment();
    }

    /** One recipient's row and the slots asked for so far (an empty value: the slot has no invoice). */
    private record Entry(Recipient recipient, Map<Integer, Optional<SlotInvoices>> slots) {

        Entry withSlot(int slot, Optional<SlotInvoices> invoices) {
            Map<Integer, Optional<SlotInvoices>> more = new HashMap<>(slots);
            more.put(slot, invoices);
            return new Entry(recipient, Map.copyOf(more));
        }

        int weight() {
            long bytes = ENTRY_OVERHEAD + recipient.getRecipientId().length;
            for (Optional<SlotInvoices> invoices : slots.values()) {
                bytes += ENTRY_OVERHEAD + invoices.map(SlotInvoices::weight).orElse(0);
            }
            return (int) Math.min(Integer.MAX_VALUE, bytes);
        }
    }
}
