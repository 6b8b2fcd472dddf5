package io.staticinvoice.load;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Static invoices served in each second since the load generator started (its {@code --timeline}
 * option), and the second from which the server ran at steady state: the first second from which
 * every moving average over {@link #SMOOTHING} seconds stays at or above a share of the measured
 * window's rate (docs/BENCHMARKS.md "Warm-up with the AOT cache"). Thread-safe.
 */
public final class ThroughputTimeline {

    /** Seconds in each moving average, so that one slow second on a shared machine does not count. */
    public static final int SMOOTHING = 5;

    private final List<Long> servedPerSecond = new ArrayList<>();
    private long servedBefore;

    /**
     * Closes the current second with the cumulative served count at its end; returns the count of
     * that second.
     */
    public synchronized long tick(long servedTotal) {
        long served = servedTotal - servedBefore;
        servedBefore = servedTotal;
        servedPerSecond.add(served);
        return served;
    }

    /** Seconds recorded so far. */
    public synchronized int seconds() {
        return servedPerSecond.size();
    }

    /**
     * The first second (counted from 0, the generator's start) from which every {@link #SMOOTHING}-second
     * average reaches {@code share} of {@code steadyRate}; empty when the last such average does not,
     * or when nothing was served at steady state.
     */
    public synchronized OptionalInt steadyFrom(double steadyRate, double share) {
        int last = servedPerSecond.size() - SMOOTHING;
        if (last < 0 || steadyRate <= 0) {
            return OptionalInt.empty();
        }
        int steady = -1;
        for (int start = last; start >= 0; start--) {
            if (average(start) < share * steadyRate) {
                break;
            }
            steady = start;
        }
        return steady < 0 ? OptionalInt.empty() : OptionalInt.of(steady);
    }

    private double average(int start) {
        long sum = 0;
        for (int second = start; second < start + SMOOTHING; second++) {
            sum += servedPerSecond.get(second);
        }
        return (double) sum / SMOOTHING;
    }
}
