package io.staticinvoice.lightning.onion;

import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.CollectionLength;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.wire.Features;
import java.util.Arrays;

/**
 * The aggregated relay parameters of a blinded payment path (BOLT 12 {@code blinded_payinfo},
 * BOLT 4 "Route Blinding"; rust-lightning {@code BlindedPayInfo} in
 * {@code lightning/src/blinded_path/payment.rs}): u32 base fee, u32 proportional fee, u16 CLTV
 * delta, u64 minimum and maximum HTLC (msat), then u16-length-prefixed features (LDK's
 * {@link CollectionLength}). Unsigned wire integers are held in wider Java types (u64 in a long
 * read as unsigned); the feature bytes are kept as received so the payinfo re-encodes exactly.
 */
public record BlindedPayInfo(
        long feeBaseMsat,
        long feeProportionalMillionths,
        int cltvExpiryDelta,
        long htlcMinimumMsat,
        long htlcMaximumMsat,
        byte[] featureBytes) {

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
        featureBytes = featureBytes.clone();
    }

    /** Reads one payinfo. */
    public static BlindedPayInfo read(ByteReader reader) throws DecodeException {
        long feeBase = reader.u32();
        long feeProportional = reader.u32();
        int cltvExpiryDelta = reader.u16();
        long htlcMinimum = reader.u64();
        long htlcMaximum = reader.u64();
        byte[] features = CollectionLength.readBytes(reader);
        return new BlindedPayInfo(feeBase, feeProportional, cltvExpiryDelta, htlcMinimum, htlcMaximum, features);
    }

    /** Writes this payinfo. */
    public void write(ByteWriter writer) {
        writer.u32(feeBaseMsat).u32(feeProportionalMillionths).u16(cltvExpiryDelta)
                .u64(htlcMinimumMsat).u64(htlcMaximumMsat);
        CollectionLength.writeBytes(writer, featureBytes);
    }

    @Override
    public byte[] featureBytes() {
        return featureBytes.clone();
    }

    /** The blinded hop features ({@code BlindedHopFeatures}) as a bit vector. */
    public Features features() {
        return Features.decode(featureBytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BlindedPayInfo that
                && feeBaseMsat == that.feeBaseMsat
                && feeProportionalMillionths == that.feeProportionalMillionths
                && cltvExpiryDelta == that.cltvExpiryDelta
                && htlcMinimumMsat == that.htlcMinimumMsat
                && htlcMaximumMsat == that.htlcMaximumMsat
                && Arrays.equals(featureBytes, that.featureBytes);
    }

    @Override
    public int hashCode() {
        int hash = Long.hashCode(feeBaseMsat);
        hash = 31 * hash + Long.hashCode(feeProportionalMillionths);
        hash = 31 * hash + cltvExpiryDelta;
        hash = 31 * hash + Long.hashCode(htlcMinimumMsat);
        hash = 31 * hash + Long.hashCode(htlcMaximumMsat);
        return 31 * hash + Arrays.hashCode(featureBytes);
    }

    @Override
    public String toString() {
        return "BlindedPayInfo[feeBaseMsat=" + feeBaseMsat + ", feeProportionalMillionths=" + feeProportionalMillionths
                + ", cltvExpiryDelta=" + cltvExpiryDelta + ", htlcMinimumMsat=" + Long.toUnsignedString(htlcMinimumMsat)
                + ", htlcMaximumMsat=" + Long.toUnsignedString(htlcMaximumMsat)
                + ", features=" + Hex.encode(featureBytes) + "]";
    }
}
