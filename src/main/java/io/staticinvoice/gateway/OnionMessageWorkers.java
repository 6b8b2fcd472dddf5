package io.staticinvoice.gateway;

import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded pool that does everything too slow for a Netty event loop: peeling onion
 * messages (elliptic-curve work), handing them to the server, database work.
 *
 * <p>Fair between peers: each peer's onion messages wait in a queue of their own, at most
 * {@code worker-queue-per-peer} of them ({@code peer_worker_queue_full} beyond), and the threads
 * take one task from each peer with work in turn (round robin), so a peer that floods delays
 * only itself. All queues together hold at most {@code worker-queue-capacity} tasks; when they
 * are full, a task of a peer whose queue is shorter than the longest pushes out the newest task
 * of the longest queue, and otherwise is refused ({@code worker_pool_full}, both counted), so
 * the peers that flood lose their messages, not the others. The gateway's own continuations
 * (mailbox stores, address look-ups) share one queue bounded only by the total, and are never
 * pushed out (their futures would never complete). Running from construction; it can be shut
 * down and started again with its gateway (DESIGN.md: never queued without bound).
 */
public final class OnionMessageWorkers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OnionMessageWorkers.class);
    /** The queue of the gateway's own tasks. */
    private static final Object INTERNAL = new Object();

    private final int threads;
    private final int capacity;
    private final int perSource;
    private final GatewayMetrics metrics;
    private final ThreadFactory threadFactory = new DefaultThreadFactory("onion-worker", true);
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workAvailable = lock.newCondition();
    private final Condition idle = lock.newCondition();
    private final Map<Object, ArrayDeque<Runnable>> queues = new HashMap<>();
    /** Sources with queued tasks, in the order they get their next turn. */
    private final ArrayDeque<Object> turns = new ArrayDeque<>();
    private final List<Thread> running = new ArrayList<>();
    private int queued;
    /** Tasks being run now. */
    private int active;
    private boolean stopped = true;
    /** Counts starts; a thread of an earlier start ends instead of taking tasks. */
    private int generation;

    /**
     * @param capacity  tasks waiting at most, all queues together
     * @param perSource tasks waiting at most from one peer
     */
    public OnionMessageWorkers(int threads, int capacity, int perSource, GatewayMetrics metrics) {
        this.threads = threads;
        this.capacity = capacity;
        this.perSource = perSource;
        this.metrics = metrics;
        metrics.gauge(GatewayMetrics.WORKER_QUEUE, "Tasks waiting for an onion message worker", this::queued);
        start();
    }

    /** Starts fresh threads if the pool was shut down. */
    public void start() {
        lock.lock();
        try {
            if (!stopped) {
                return;
            }
            stopped = false;
            running.clear();
            int current = ++generation;
            for (int i = 0; i < threads; i++) {
                Thread thread = threadFactory.newThread(() -> work(current));
                running.add(thread);
                thread.start();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues an onion message task of {@code peer}, or drops it (or another peer's, see the class
     * comment) and counts the drop. Returns whether {@code task} was queued.
     */
    public boolean trySubmit(Object peer, Runnable task) {
        GatewayMetrics.Drop refused = offer(peer, task, true);
        if (refused != null) {
            metrics.dropped(refused);
        }
        return refused == null;
    }

    /** Queues one of the gateway's own tasks; returns false, without running it, when the pool is full or stopped. */
    public boolean trySubmit(Runnable task) {
        return offer(INTERNAL, task, false) == null;
    }

    /** Why the task was refused, or null when it was queued. */
    private GatewayMetrics.Drop offer(Object source, Runnable task, boolean bounded) {
        lock.lock();
        try {
            if (stopped) {
                return GatewayMetrics.Drop.WORKER_POOL_FULL;
            }
            ArrayDeque<Runnable> queue = queues.get(source);
            int length = queue == null ? 0 : queue.size();
            if (bounded && length >= perSource) {
                return GatewayMetrics.Drop.PEER_WORKER_QUEUE_FULL;
            }
            if (queued >= capacity && !pushOutLongerThan(length + 1)) {
                return GatewayMetrics.Drop.WORKER_POOL_FULL;
            }
            if (queue == null) {
                queue = new ArrayDeque<>();
                queues.put(source, queue);
                turns.addLast(source);
            }
            queue.addLast(task);
            queued++;
            workAvailable.signal();
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** Drops the newest task of the longest peer queue if it holds more than {@code length} tasks. */
    private boolean pushOutLongerThan(int length) {
        Object longest = null;
        int longestLength = length;
        for (Map.Entry<Object, ArrayDeque<Runnable>> entry : queues.entrySet()) {
            if (entry.getKey() != INTERNAL && entry.getValue().size() > longestLength) {
                longest = entry.getKey();
                longestLength = entry.getValue().size();
            }
        }
        if (longest == null) {
            return false;
        }
        queues.get(longest).pollLast();
        queued--;
        metrics.dropped(GatewayMetrics.Drop.WORKER_POOL_FULL);
        return true;
    }

    /** A worker thread of start {@code started}: takes the next source's oldest task in turn, until stopped and drained. */
    private void work(int started) {
        while (true) {
            Runnable task;
            lock.lock();
            try {
                while (turns.isEmpty() && !stopped && started == generation) {
                    workAvailable.awaitUninterruptibly();
                }
                if (turns.isEmpty() || started != generation) {
                    return;
                }
                Object source = turns.pollFirst();
                ArrayDeque<Runnable> queue = queues.get(source);
                task = queue.pollFirst();
                queued--;
                if (queue.isEmpty()) {
                    queues.remove(source);
                } else {
                    turns.addLast(source);
                }
                active++;
            } finally {
                lock.unlock();
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("Onion message task failed", e);
            } finally {
                finished();
            }
        }
    }

    private void finished() {
        lock.lock();
        try {
            active--;
            if (active == 0 && queued == 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits up to {@code timeout} until no task waits and none runs, taking new tasks meanwhile (a
     * task's continuations may need the pool); returns whether the pool went idle in time. A
     * stopping gateway calls it once its peers can send no more, so that what they sent is done.
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (active > 0 || queued > 0) {
                if (left <= 0) {
                    return false;
                }
                left = idle.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Tasks waiting now. */
    int queued() {
        lock.lock();
        try {
            return queued;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the pool runs and its queues have room (when full, a task gets in only by pushing another out). */
    public boolean isAccepting() {
        lock.lock();
        try {
            return !stopped && queued < capacity;
        } finally {
            lock.unlock();
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

    /**
     * Stops taking tasks and waits up to {@code timeoutMillis} for the queued and running ones;
     * after that, interrupts the threads and discards what is left.
     */
    public void shutdown(long timeoutMillis) throws InterruptedException {
        List<Thread> current;
        lock.lock();
        try {
            if (stopped) {
                return;
            }
            stopped = true;
            workAvailable.signalAll();
            current = List.copyOf(running);
        } finally {
            lock.unlock();
        }
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        for (Thread thread : current) {
            thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        lock.lock();
        try {
            current.forEach(Thread::interrupt);
            queues.clear();
            turns.clear();
            queued = 0;
            idle.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws InterruptedException {
        shutdown(5_000);
    }
}
