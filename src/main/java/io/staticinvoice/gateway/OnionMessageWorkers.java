package io.staticinvoice.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded pool that does everything too slow for a Netty event loop: peeling onion
 * messages (elliptic-curve work), handing them to the server, database work. Its queue is
 * bounded: when it is full, {@link #trySubmit} refuses and the caller drops and counts the
 * message (DESIGN.md: never queued without bound).
 */
public final class OnionMessageWorkers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OnionMessageWorkers.class);

    private final ThreadPoolExecutor executor;

    public OnionMessageWorkers(int threads, int queueCapacity) {
        AtomicInteger index = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), runnable -> {
                    Thread thread = new Thread(runnable, "onion-worker-" + index.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Queues {@code task}; returns false, without running it, when the queue is full or the pool stopped. */
    public boolean trySubmit(Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("Onion message task failed", e);
                }
            });
            return true;
        } catch (RejectedExecutionException full) {
            return false;
        }
    }

    /**
     * This pool as an {@link Executor} for asynchronous continuations: a task that does not fit
     * is refused with {@link RejectedExecutionException}, which fails the continuation.
     */
    public Executor executor() {
        return task -> {
            if (!trySubmit(task)) {
                throw new RejectedExecutionException("onion message worker queue full");
            }
        };
    }

    /** Tasks waiting for a thread. */
    public int queued() {
        return executor.getQueue().size();
    }

    /** Stops taking tasks and waits up to {@code timeoutMillis} for running ones. */
    public void shutdown(long timeoutMillis) throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS)) {
            executor.shutdownNow();
        }
    }

    @Override
    public void close() throws InterruptedException {
        shutdown(5_000);
    }
}
