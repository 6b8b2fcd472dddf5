package io.staticinvoice.gateway;

import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The bounded pool that does everything too slow for a Netty event loop: peeling onion
 * messages (elliptic-curve work), handing them to the server, database work. Its queue is
 * bounded: when it is full, {@link #trySubmit} refuses and the caller drops and counts the
 * message (DESIGN.md: never queued without bound). Running from construction; it can be shut
 * down and started again with its gateway.
 */
public final class OnionMessageWorkers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OnionMessageWorkers.class);

    private final int threads;
    private final int queueCapacity;
    private volatile ThreadPoolExecutor executor;

    public OnionMessageWorkers(int threads, int queueCapacity) {
        this.threads = threads;
        this.queueCapacity = queueCapacity;
        start();
    }

    /** Starts a fresh pool if this one was shut down. */
    public synchronized void start() {
        if (executor == null || executor.isShutdown()) {
            executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                    new ArrayBlockingQueue<>(queueCapacity), new DefaultThreadFactory("onion-worker", true),
                    new ThreadPoolExecutor.AbortPolicy());
        }
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

    /** Whether a task submitted now would be taken: the pool runs and its queue has room. */
    public boolean isAccepting() {
        ThreadPoolExecutor current = executor;
        return !current.isShutdown() && current.getQueue().remainingCapacity() > 0;
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

    /** Stops taking tasks and waits up to {@code timeoutMillis} for running ones. */
    public synchronized void shutdown(long timeoutMillis) throws InterruptedException {
        ThreadPoolExecutor current = executor;
        current.shutdown();
        if (!current.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS)) {
            current.shutdownNow();
        }
    }

    @Override
    public void close() throws InterruptedException {
        shutdown(5_000);
    }
}
