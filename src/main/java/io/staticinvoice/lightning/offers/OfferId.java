package io.staticinvoice.lightning.offers;

import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.codec.TlvRecord;
import java.util.Arrays;
import java.util.List;

/**
 * LDK's identifier of an offer (rust-lightning {@code OfferId} in
 * {@code lightning/src/offers/offer.rs}): the tagged hash {@code H("LDK Offer ID", merkle root)}
 * over the offer's TLV records (offer and experimental-offer ranges). An offer and every static
 * invoice or invoice request built from it share the same id.
 */
public record OfferId(byte[] bytes) {

    /** Length of an offer id in bytes. */
    public static final int LENGTH = 32;

    private static final String TAG = "LDK Offer ID";

    public OfferId {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("an offer id is " + LENGTH + " bytes, got " + bytes.length);
        }
        bytes = bytes.clone();
    }

    /** The id of the offer made of {@code offerRecords}. */
    static OfferId of(List<TlvRecord> offerRecords) {
        return new OfferId(Merkle.signatureDigest(TAG, offerRecords));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OfferId that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return Hex.encode(bytes);
    }
}
