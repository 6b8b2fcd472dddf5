package io.staticinvoice.lightning.offers;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.codec.TlvStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The TLV type ranges BOLT 12 assigns to each part of its messages (BOLT 12 "Offers", "Invoice
 * Requests", "Invoices", "Signature Calculation"; the {@code *_TYPES} constants of rust-lightning's
 * {@code lightning/src/offers/}). A message may only contain records in the ranges of its parts;
 * each part's records are copied verbatim into the messages that follow it.
 */
enum TlvRange {
    /** {@code invreq_metadata}, the numerically-first record of an invoice request. */
    PAYER(0, 0),
    /** Offer fields, mirrored into invoice requests and invoices. */
    OFFER(1, 79),
    /** Invoice request fields. */
    INVOICE_REQUEST(80, 159),
    /** Invoice fields (static invoices add {@code 236}). */
    INVOICE(160, 239),
    /** Signature fields; excluded from the merkle tree. */
    SIGNATURE(240, 1000),
    /** Experimental offer fields. */
    EXPERIMENTAL_OFFER(1_000_000_000L, 1_999_999_999L),
    /** Experimental invoice request fields. */
    EXPERIMENTAL_INVOICE_REQUEST(2_000_000_000L, 2_999_999_999L),
    /** Experimental invoice fields, up to the largest u64. */
    EXPERIMENTAL_INVOICE(3_000_000_000L, -1L);

    /** The offer part of any BOLT 12 message: the offer and experimental offer ranges. */
    static final Set<TlvRange> OFFER_PART = EnumSet.of(OFFER, EXPERIMENTAL_OFFER);

    private final long first;
    private final long last;

    TlvRange(long first, long last) {
        this.first = first;
        this.last = last;
    }

    /** Whether {@code type} (an unsigned 64-bit value) lies in this range. */
    boolean contains(long type) {
        return Long.compareUnsigned(type, first) >= 0 && Long.compareUnsigned(type, last) <= 0;
    }

    /** Rejects a stream holding a record outside {@code allowed}. */
    static void requireWithin(TlvStream stream, Set<TlvRange> allowed, String messageName) throws DecodeException {
        for (TlvRecord record : stream.records()) {
            if (allowed.stream().noneMatch(range -> range.contains(record.type()))) {
                throw new DecodeException(messageName + " contains TLV type " + Long.toUnsignedString(record.type())
                        + " outside its allowed ranges");
            }
        }
    }

    /** The records of {@code stream} that fall in any of {@code ranges}, in stream order. */
    static List<TlvRecord> select(TlvStream stream, Set<TlvRange> ranges) {
        return stream.records().stream()
                .filter(record -> ranges.stream().anyMatch(range -> range.contains(record.type())))
                .toList();
    }
}
