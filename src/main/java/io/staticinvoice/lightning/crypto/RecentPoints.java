package io.staticinvoice.lightning.crypto;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Compressed points recently found on the curve, so that a point that recurs is not checked again
 * (a square root, about a sixth of a point multiplication): this node's own id in every reply
 * path a payer builds through it, an offer's keys in every invoice_request for it, a payer's node
 * id in every reply path it sends. Validity is a pure function of the bytes, so a remembered point
 * never needs checking again.
 *
 * <p>A direct-mapped table of {@value #SLOTS} entries: a point takes the slot its hash picks,
 * pushing out whatever was there, so memory is fixed, there is no lock, and a sender choosing
 * points can only push others out (costing their next check, nothing else). A remembered point
 * is parsed a few microseconds faster, which whoever can time the server's answers that precisely
 * could use to tell whether a point was seen lately, as with the node's unblinding cache.
 */
final class RecentPoints {

    static final int SLOTS = 4096;

    private final AtomicReferenceArray<byte[]> slots = new AtomicReferenceArray<>(SLOTS);

    /** Whether {@code point33} is remembered as valid. */
    boolean contains(byte[] point33) {
        byte[] known = slots.get(slot(point33));
        return known != null && Arrays.equals(known, point33);
    }

    /** Remembers {@code point33}, which the curve just found valid. */
    void add(byte[] point33) {
        slots.set(slot(point33), point33.clone());
    }

    /** The slot a point takes. */
    static int slot(byte[] point33) {
        int hash = Arrays.hashCode(point33);
        return (hash ^ (hash >>> 16)) & (SLOTS - 1);
    }
}
