package io.staticinvoice.load;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What all payers observed: cumulative counters and, while the measured window is open, the
 * latencies of its replies. Opening and closing the window snapshot the counters under the same
 * lock that records a served reply, so the window's served count always equals its number of
 * latencies. Thread-safe.
 */
public final class LoadRecorder {

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong sendFailed = new AtomicLong();
    private final AtomicLong unexpected = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
    private final AtomicLong extra = new AtomicLong();
    private final AtomicLong verified = new AtomicLong();
    private final AtomicLong verifyFailed = new AtomicLong();
    private final AtomicLong replies = new AtomicLong();
    private final int verifyEvery;
    private LatencySamples window;
    private Counts countsAtOpening;

    /** @param verifyEvery every n-th reply is to be verified completely (0 = none) */
    public LoadRecorder(int verifyEvery) {
        this.verifyEvery = verifyEvery;
    }

    /** Counters at one instant. */
    public record Counts(long sent, long served, long lost, long sendFailed, long unexpected, long verified,
                         long verifyFailed, long retried, long late, long extra) {

        /** {@code this - earlier}, counter by counter. */
        public Counts minus(Counts earlier) {
            return new Counts(sent - earlier.sent, served - earlier.served, lost - earlier.lost,
                    sendFailed - earlier.sendFailed, unexpected - earlier.unexpected, verified - earlier.verified,
                    verifyFailed - earlier.verifyFailed, retried - earlier.retried, late - earlier.late,
                    extra - earlier.extra);
        }
    }

    public void sent() {
        sent.incrementAndGet();
    }

    /** What the measured window saw: its counter changes and its replies' latencies. */
    public record Window(Counts counts, LatencySamples latencies) {
    }

    /** A payment's first static invoice arrived; returns whether this reply is to be verified. */
    public boolean served(long latencyNanos) {
        synchronized (this) {
            served.incrementAndGet();
            if (window != null) {
                window.add(latencyNanos);
            }
        }
        return verifyEvery > 0 && replies.incrementAndGet() % verifyEvery == 0;
    }

    /** A request unanswered for the retry interval was sent again, on a fresh reply path. */
    public void retried() {
        retried.incrementAndGet();
    }

    /** A reply to a request that had been sent again meanwhile (the payment is already done or waits for the retry). */
    public void late() {
        late.incrementAndGet();
    }

    /** A static invoice answering a copy of a payment that had already ended. */
    public void extra() {
        extra.incrementAndGet();
    }

    /** A payment's request went unanswered past the reply timeout, retries included: the payment got no invoice. */
    public void lost() {
        lost.incrementAndGet();
    }

    /** A payment could not start (open loop: every payment slot was taken) or its payer's gateway refused a request. */
    public void sendFailed() {
        sendFailed.incrementAndGet();
    }

    /** An onion message that answers no outstanding request (late, or on an unknown path). */
    public void unexpected() {
        unexpected.incrementAndGet();
    }

    public void verified(boolean ok) {
        (ok ? verified : verifyFailed).incrementAndGet();
    }

    public Counts counts() {
        return new Counts(sent.get(), served.get(), lost.get(), sendFailed.get(), unexpected.get(), verified.get(),
                verifyFailed.get(), retried.get(), late.get(), extra.get());
    }

    /** Starts collecting latencies into a fresh sample set and notes the counters. */
    public synchronized void openWindow() {
        window = new LatencySamples();
        countsAtOpening = counts();
    }

    /** Stops collecting; returns the counters' changes and the latencies since {@link #openWindow()}. */
    public synchronized Window closeWindow() {
        Window closed = new Window(counts().minus(countsAtOpening), window);
        window = null;
        return closed;
    }
}
