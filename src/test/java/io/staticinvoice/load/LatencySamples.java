package io.staticinvoice.load;

import java.util.Arrays;

/**
 * Request-to-static-invoice latencies of the measured window, in nanoseconds, kept whole (a few
 * hundred thousand longs at most) so percentiles are exact. Thread-safe.
 */
public final class LatencySamples {

    private long[] samples = new long[4096];
    private int count;

    public synchronized void add(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    public synchronized int count() {
        return count;
    }

    /**
     * The nearest-rank percentile: the smallest sample that at least {@code percent} % of the
     * samples do not exceed; 0 when there are none.
     */
    public synchronized long percentile(double percent) {
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + percent);
        }
        if (count == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100 * count);
        return sorted[Math.max(0, rank - 1)];
    }
}
