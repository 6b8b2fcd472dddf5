package io.staticinvoice.lightning.offers;

import io.staticinvoice.lightning.codec.FixedBytes;
import io.staticinvoice.lightning.codec.TlvRecord;
import java.util.List;

/**
 * LDK's identifier of an offer (rust-lightning {@code OfferId} in
 * {@code lightning/src/offers/offer.rs}): the tagged hash {@code H("LDK Offer ID", merkle root)}
 * over the offer's TLV records (offer and experimental-offer ranges). An offer and every static
 * invoice or invoice request built from it share the same id.
 */
public final class OfferId extends FixedBytes {

    /** Length of an offer id in bytes. */
    public static final int LENGTH = 32;

    private static final String TAG = "LDK Offer ID";

    /** Copies the 32 bytes of an id. */
    public OfferId(byte[] bytes) {
        super(bytes, LENGTH, "an offer id");
    }

    /** The id of the offer made of {@code offerRecords}. */
    static OfferId of(List<TlvRecord> offerRecords) {
        return new OfferId(Merkle.signatureDigest(TAG, offerRecords));
    }
}
