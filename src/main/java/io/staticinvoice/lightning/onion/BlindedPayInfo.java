package io.staticinvoice.lightning.onion;

import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.CollectionLength;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.FeatureBits;
import java.util.Objects;

/**
 * The aggregated relay parameters of a blinded payment path (BOLT 12 {@code blinded_payinfo},
 * BOLT 4 "Route Blinding"; rust-lightning {@code BlindedPayInfo} in
 * {@code lightning/src/blinded_path/payment.rs}): u32 base fee, u32 proportional fee, u16 CLTV
 * delta, u64 minimum and maximum HTLC (msat), then u16-length-prefixed features (LDK's
 * {@link CollectionLength}). Unsigned wire integers are held in wider Java types (u64 in a long
 * read as unsigned).
 */
public record BlindedPayInfo(
        long feeBaseMsat,
        long feeProportionalMillionths,
        int cltvExpiryDelta,
        long htlcMinimumMsat,
        long htlcMaximumMsat,
        FeatureBits features) {

    public BlindedPayInfo {
        if (feeBaseMsat < 0 || feeBaseMsat > 0xffff_ffffL) {
            throw new IllegalArgumentException("fee_base_msat is a u32: " + feeBaseMsat);
        }
        if (feeProportionalMillionths < 0 || feeProportionalMillionths > 0xffff_ffffL) {
            throw new IllegalArgumentException("fee_proportional_millionths is a u32: " + feeProportionalMillionths);
        }
        if (cltvExpiryDelta < 0 || cltvExpiryDelta > 0xffff) {
            throw new IllegalArgumentException("cltv_expiry_delta is a u16: " + cltvExpiryDelta);
        }
        Objects.requireNonNull(features, "features");
    }

    /** Reads one payinfo. */
    public static BlindedPayInfo read(ByteReader reader) throws DecodeException {
        long feeBase = reader.u32();
        long feeProportional = reader.u32();
        int cltvExpiryDelta = reader.u16();
        long htlcMinimum = reader.u64();
        long htlcMaximum = reader.u64();
        FeatureBits features = new FeatureBits(CollectionLength.readBytes(reader));
        return new BlindedPayInfo(feeBase, feeProportional, cltvExpiryDelta, htlcMinimum, htlcMaximum, features);
    }

    /** Writes this payinfo. */
    public void write(ByteWriter writer) {
        writer.u32(feeBaseMsat).u32(feeProportionalMillionths).u16(cltvExpiryDelta)
                .u64(htlcMinimumMsat).u64(htlcMaximumMsat);
        CollectionLength.writeBytes(writer, features.bytes());
    }
}
