package io.staticinvoice.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The outcome of one measured window: payments served per second (a payment is served when its
 * first static invoice arrives, as LDK's payer counts it), latency percentiles and CPU time per
 * served payment of the server process, its database backends and the load generator itself.
 *
 * @param options         the run's settings
 * @param window          the measured window's real length
 * @param counts          payer-side counters over the window
 * @param latencies       payment-start-to-first-static-invoice latencies of the payments served in the window
 * @param serverCpuNanos  the server process's CPU time over the window, when its pid was given
 * @param databaseCpuNanos CPU time of the server database's backends over the window, when its URL was given
 * @param generatorCpuNanos this process's CPU time over the window
 * @param machineBusyNanos  all cores' busy time over the window (every process on the machine)
 * @param cores           processors of the machine
 * @param loadAverage     {@code /proc/loadavg} when the window opened
 * @param serverOutcomes  changes of the server's request outcome counters over the window
 * @param shapes          sizes of what was sent, for the record
 */
public record LoadReport(LoadOptions options, Duration window, LoadRecorder.Counts counts, LatencySamples latencies,
                         OptionalLong serverCpuNanos, OptionalLong databaseCpuNanos, long generatorCpuNanos,
                         long machineBusyNanos, int cores, String loadAverage, Map<String, Long> serverOutcomes,
                         Shapes shapes) {

    /** Sizes of the traffic: invoice_request, onion packets, static invoice. */
    public record Shapes(int invoiceRequestBytes, int requestPacketBytes, int invoiceBytes) {
    }

    /** Payments served per second over the window. */
    public double servedPerSecond() {
        return counts.served() / seconds();
    }

    /** Server CPU milliseconds per served payment; NaN without a pid or with nothing served. */
    public double serverCpuMillisPerServed() {
        return perServed(serverCpuNanos);
    }

    private double perServed(OptionalLong nanos) {
        return nanos.isPresent() && counts.served() > 0 ? nanos.getAsLong() / 1e6 / counts.served() : Double.NaN;
    }

    private double seconds() {
        return window.toNanos() / 1e9;
    }

    public void print(PrintStream out) {
        LoadOptions o = options;
        out.printf("Load: %d recipients (%.0f %% of payments to one hot recipient), %d payers, %s, each "
                        + "invoice_request sent again when the next message arrives, as LDK does%s, fresh onions, reply "
                        + "paths %swith %d dummy hops; %d s measured after %d s warm-up%n",
                o.recipients(), o.hotShare() * 100, o.payers(),
                o.openLoop() ? String.format("open loop at %.0f payments/s", o.rate())
                        : o.inFlight() + " payments in flight per payer",
                o.heldHtlc() ? " and a held_htlc_available" : "", o.replyViaServer() ? "through the server " : "",
                o.dummyHops(), o.duration().toSeconds(), o.warmup().toSeconds());
        out.printf("Shapes: invoice_request %d bytes in a %d-byte onion packet; static invoice %d bytes%n",
                shapes.invoiceRequestBytes(), shapes.requestPacketBytes(), shapes.invoiceBytes());
        out.printf("Served: %d payments in %.1f s = %.1f/s (invoice_requests sent %d, retried %d, lost %d, not sent %d, "
                        + "answers to copies of served payments %d, late replies %d, unexpected replies %d; verified %d "
                        + "of %d checked)%n",
                counts.served(), seconds(), servedPerSecond(), counts.sent(), counts.retried(), counts.lost(),
                counts.sendFailed(), counts.extra(), counts.late(), counts.unexpected(), counts.verified(),
                counts.verified() + counts.verifyFailed());
        out.printf("Latency payment -> first static invoice: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms (%d replies)%n",
                millis(latencies.percentile(50)), millis(latencies.percentile(90)), millis(latencies.percentile(99)),
                millis(latencies.percentile(100)), latencies.count());
        cpuLine(out, "Server process CPU", serverCpuNanos);
        cpuLine(out, "PostgreSQL backends CPU", databaseCpuNanos);
        cpuLine(out, "Load generator CPU", OptionalLong.of(generatorCpuNanos));
        out.printf("Machine: %d cores, %.2f cores busy on average over the window (all processes); "
                + "load average at start %s%n", cores, machineBusyNanos / 1e9 / seconds(), loadAverage);
        out.printf("Server outcomes over the window: %s%n", serverOutcomes);
    }

    private void cpuLine(PrintStream out, String what, OptionalLong nanos) {
        if (nanos.isEmpty()) {
            out.printf("%s: not measured%n", what);
            return;
        }
        out.printf("%s: %.2f s = %.3f ms per served payment (%.2f cores)%n", what, nanos.getAsLong() / 1e9,
                perServed(nanos), nanos.getAsLong() / 1e9 / seconds());
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
