package io.staticinvoice.lightning.crypto;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Compressed points recently found on the curve, so that a point that recurs is not checked again
 * (a square root, about a sixth of a point multiplication): this node's own id in every reply
 * path a payer builds through it, an offer's keys in every invoice_request for it, a payer's node
 * id in every reply path it sends. Validity is a pure function of the bytes, so a remembered point
 * never needs checking again; its uncompressed form is remembered with it, for the point
 * multiplications that take it.
 *
 * <p>A direct-mapped table of {@value #SLOTS} entries: a point takes the slot its hash picks,
 * pushing out whatever was there, so memory is fixed, there is no lock, and a sender choosing
 * points can only push others out (costing their next check, nothing else). A remembered point
 * is parsed a few microseconds faster, which whoever can time the server's answers that precisely
 * could use to tell whether a point was seen lately, as with the node's unblinding cache.
 */
final class RecentPoints {

    static final int SLOTS = 4096;

    private final AtomicReferenceArray<Entry> slots = new AtomicReferenceArray<>(SLOTS);

    /** A point found valid, compressed and uncompressed. */
    private record Entry(byte[] compressed, byte[] uncompressed) {
    }

    /** The uncompressed form of {@code point33} if it is remembered as valid, else null. */
    byte[] uncompressed(byte[] point33) {
        Entry known = slots.get(slot(point33));
        return known != null && Arrays.equals(known.compressed, point33) ? known.uncompressed : null;
    }

    /** Remembers {@code point33}, which the curve just found valid, with its uncompressed form. */
    void add(byte[] point33, byte[] uncompressed) {
        slots.set(slot(point33), new Entry(point33.clone(), uncompressed));
    }

    /** The slot a point takes. */
    static int slot(byte[] point33) {
        int hash = Arrays.hashCode(point33);
        return (hash ^ (hash >>> 16)) & (SLOTS - 1);
    }
}
