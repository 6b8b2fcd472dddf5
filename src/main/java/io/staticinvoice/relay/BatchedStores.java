package io.staticinvoice.relay;

import io.staticinvoice.lightning.wire.NodeId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mailbox stores written in batches by a thread of their own: the stores queued while one batch is
 * written go into the next, and after the first store of a batch the writer waits up to
 * {@code store-linger} for more (unless the batch fills), so that durable mail (every payment's
 * {@code held_htlc_available} for an offline wallet) costs two statements and a commit per batch
 * instead of per message, and the onion workers that queue them never wait for the database.
 * Order is kept: stores are written in the order they were queued.
 *
 * <p>Bounded: at most {@code sis.mailbox.max-pending-stores} wait; beyond that a caller waits for
 * room, which slows the onion workers (and so, through the per-peer queues, the peers that send
 * most) rather than dropping durable mail. {@link #close()} writes what is queued before it returns.
 */
final class BatchedStores implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BatchedStores.class);
    /** The longest the writer waits for a store before it looks whether it was closed. */
    private static final long IDLE_WAIT_MILLIS = 200;
    /** The longest {@link #close()} waits for the writer (its statements have the pool's timeouts too). */
    private static final long CLOSE_WAIT_MILLIS = 30_000;

    /** One message to store for {@code destination}; {@code stored} completes when its batch is committed. */
    record Store(NodeId destination, byte[] body, boolean unbuilt, CompletableFuture<Boolean> stored) {
    }

    private final BlockingQueue<Store> queue;
    private final int batchSize;
    private final long lingerNanos;
    private final Function<List<Store>, List<Boolean>> writeBatch;
    private Thread writer;
    private volatile boolean closing;

    /**
     * @param linger     how long to wait for more stores after the first of a batch
     * @param writeBatch writes a batch in one transaction and says, per store, whether it was kept
     *                   (false: unknown destination)
     */
    BatchedStores(int maxPending, int batchSize, Duration linger, Function<List<Store>, List<Boolean>> writeBatch) {
        this.queue = new ArrayBlockingQueue<>(maxPending);
        this.batchSize = batchSize;
        this.lingerNanos = linger.toNanos();
        this.writeBatch = writeBatch;
    }

    /** Queues a store, waiting for room when the queue is full; the future says whether it was kept. */
    CompletableFuture<Boolean> submit(NodeId destination, byte[] body, boolean unbuilt) {
        Store store = new Store(destination, body, unbuilt, new CompletableFuture<>());
        ensureWriter();
        try {
            queue.put(store);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
        return store.stored();
    }

    /** Stores waiting to be written. */
    int pending() {
        return queue.size();
    }

    private synchronized void ensureWriter() {
        if (writer == null || !writer.isAlive()) {
            closing = false;
            writer = new Thread(this::writeLoop, "mailbox-writer");
            writer.setDaemon(true);
            writer.start();
        }
    }

    private void writeLoop() {
        List<Store> batch = new ArrayList<>(batchSize);
        while (true) {
            Store first;
            try {
                first = queue.poll(IDLE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first == null) {
                if (closing) {
                    return;
                }
                continue;
            }
            batch.add(first);
            try {
                fill(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                write(batch);
                return;
            }
            write(batch);
            batch.clear();
        }
    }

    /** Adds what is queued to the batch, waiting up to the linger for more until it is full. */
    private void fill(List<Store> batch) throws InterruptedException {
        long deadline = System.nanoTime() + lingerNanos;
        queue.drainTo(batch, batchSize - batch.size());
        while (batch.size() < batchSize && !closing) {
            long left = deadline - System.nanoTime();
            Store next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                return;
            }
            batch.add(next);
            queue.drainTo(batch, batchSize - batch.size());
        }
    }

    private void write(List<Store> batch) {
        try {
            List<Boolean> kept = writeBatch.apply(batch);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).stored().complete(kept.get(i));
            }
        } catch (RuntimeException e) {
            log.warn("Could not store {} mailbox message(s): {}", batch.size(), e.toString());
            batch.forEach(store -> store.stored().completeExceptionally(e));
        }
    }

    /** Writes what is queued, then stops the writer (a later {@link #submit} starts it again). */
    @Override
    public void close() throws InterruptedException {
        Thread running;
        synchronized (this) {
            closing = true;
            running = writer;
        }
        if (running != null) {
            running.join(CLOSE_WAIT_MILLIS);
        }
        List<Store> late = new ArrayList<>();
        queue.drainTo(late);
        if (!late.isEmpty()) {
            write(late);
        }
    }
}
