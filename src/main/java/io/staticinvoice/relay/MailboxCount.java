package io.staticinvoice.relay;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The mailbox's row count as one replica knows it, without a {@code count(*)} per store (it
 * visits every row: milliseconds at 200,000 messages): counted exactly at polls that none of this
 * replica's own changes overlaps, moved by its own stores and deliveries in between, and counted
 * exactly again by a store once it comes within a tenth of {@code max-total}, where trimming
 * depends on it: by one store at a time, at most once a second (a count takes tens of
 * milliseconds at 200,000 rows; the stores in between trim by the running count). Thread-safe.
 */
final class MailboxCount {

    private static final long UNKNOWN = -1;
    private static final long EXACT_COUNT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong rows = new AtomicLong(UNKNOWN);
    private final AtomicInteger changesInFlight = new AtomicInteger();
    private final AtomicLong changesDone = new AtomicLong();
    private final ReentrantLock exactCounting = new ReentrantLock();
    private final AtomicLong lastExactCount = new AtomicLong(System.nanoTime() - EXACT_COUNT_INTERVAL_NANOS);

    /**
     * Runs a change of the table, so that a poll counting the table meanwhile does not overwrite
     * the running count with a count taken before the change commits.
     */
    <T> T changing(Supplier<T> change) {
        changesInFlight.incrementAndGet();
        try {
            return change.get();
        } finally {
            changesDone.incrementAndGet();
            changesInFlight.decrementAndGet();
        }
    }

    /** Rows deleted (or added, when negative) by this replica. */
    void removed(long count) {
        rows.updateAndGet(known -> known == UNKNOWN ? known : known - count);
    }

    /**
     * The count after a store changed it by {@code change}: the running count while it is well
     * below {@code bound}; near it, {@code exactCount}'s (which then becomes the running count),
     * unless another store is counting or counted within the last second.
     */
    long afterStore(long change, long bound, LongSupplier exactCount) {
        long known = rows.get() == UNKNOWN ? UNKNOWN : rows.addAndGet(change);
        if (known != UNKNOWN && (known < bound - bound / 10
                || System.nanoTime() - lastExactCount.get() < EXACT_COUNT_INTERVAL_NANOS
                || !exactCounting.tryLock())) {
            return known;
        }
        if (known == UNKNOWN) {
            exactCounting.lock();
        } else if (System.nanoTime() - lastExactCount.get() < EXACT_COUNT_INTERVAL_NANOS) {
            exactCounting.unlock();
            return known;
        }
        try {
            long exact = exactCount.getAsLong();
            rows.set(exact);
            lastExactCount.set(System.nanoTime());
            return exact;
        } finally {
            exactCounting.unlock();
        }
    }

    /** Takes a poll's exact count, unless a change of this replica overlapped the count. */
    void counted(LongSupplier exactCount) {
        long changesBefore = changesDone.get();
        boolean quiet = changesInFlight.get() == 0;
        long exact = exactCount.getAsLong();
        if (quiet && changesInFlight.get() == 0 && changesDone.get() == changesBefore) {
            rows.set(exact);
        }
    }

    /** The count, 0 until first counted. */
    long value() {
        return Math.max(0, rows.get());
    }
}
