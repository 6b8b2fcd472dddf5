package io.staticinvoice.replica;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A task that renews something a replica holds in the database (its heartbeat, its leases) every
 * third of the time the holding lasts unrenewed, on a daemon thread of its own, until stopped.
 */
public final class Renewal {

    private final String name;
    private final Duration ttl;
    private ScheduledExecutorService scheduler;

    /** @param ttl how long what is renewed lasts unrenewed; the task runs every third of it */
    public Renewal(String name, Duration ttl) {
        this.name = name;
        this.ttl = ttl;
    }

    /** Runs {@code task} after {@code initialDelay} and then every third of the ttl; false if already running. */
    public synchronized boolean start(Runnable task, Duration initialDelay) {
        if (scheduler != null) {
            return false;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory(name, true));
        scheduler.scheduleWithFixedDelay(task, initialDelay.toMillis(), Math.max(1, ttl.toMillis() / 3),
                TimeUnit.MILLISECONDS);
        return true;
    }

    /** Stops the task, waiting a little for a run in progress; false if it was not running. */
    public synchronized boolean stop() {
        if (scheduler == null) {
            return false;
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler = null;
        return true;
    }

    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
