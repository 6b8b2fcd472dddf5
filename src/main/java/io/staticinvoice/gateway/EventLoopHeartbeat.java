package io.staticinvoice.gateway;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Tells whether the gateway's Netty event loops still run: a task scheduled on each loop records
 * the time, every {@code interval}; a loop whose last record is older than {@code stallTimeout}
 * is stuck (a handler blocking it, a busy loop, a loop starved of memory), and the liveness probe
 * fails so that the orchestrator restarts the process. Reads time from the injected
 * {@link Clock}. Before {@link #start} and after {@link #stop} no loop is watched.
 */
public final class EventLoopHeartbeat {

    private final Clock clock;
    private final Duration interval;
    private final Duration stallTimeout;
    private volatile List<Beat> beats = List.of();

    public EventLoopHeartbeat(Clock clock, Duration interval, Duration stallTimeout) {
        this.clock = clock;
        this.interval = interval;
        this.stallTimeout = stallTimeout;
    }

    /** One stuck loop: its position among the watched loops and when it last ran its heartbeat. */
    public record Stall(int loop, Instant lastBeat) {
    }

    private static final class Beat {
        private volatile Instant last;
        private ScheduledFuture<?> task;
    }

    /** Watches {@code loops} (replacing any watched before), each counted as running now. */
    public synchronized void start(List<? extends EventExecutor> loops) {
        stop();
        Instant now = clock.instant();
        List<Beat> started = new ArrayList<>(loops.size());
        for (EventExecutor loop : loops) {
            Beat beat = new Beat();
            beat.last = now;
            beat.task = loop.scheduleAtFixedRate(() -> beat.last = clock.instant(),
                    interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
            started.add(beat);
        }
        beats = List.copyOf(started);
    }

    /** Stops watching (the loops are being shut down). */
    public synchronized void stop() {
        beats.forEach(beat -> beat.task.cancel(false));
        beats = List.of();
    }

    /** The loops that have not run their heartbeat within {@code stallTimeout}; empty when all run. */
    public List<Stall> stalls() {
        Instant oldestAllowed = clock.instant().minus(stallTimeout);
        List<Beat> watched = beats;
        List<Stall> stalls = new ArrayList<>();
        for (int i = 0; i < watched.size(); i++) {
            Instant last = watched.get(i).last;
            if (last.isBefore(oldestAllowed)) {
                stalls.add(new Stall(i, last));
            }
        }
        return stalls;
    }
}
