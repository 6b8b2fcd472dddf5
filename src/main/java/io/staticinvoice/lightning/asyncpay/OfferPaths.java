package io.staticinvoice.lightning.asyncpay;

import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.codec.TlvStream;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.onion.OnionMessageType;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Static invoice server to recipient: the blinded paths to put in its offer (LDK 0.2
 * {@code OfferPaths}, onion message type 75542). Field 0: the paths, back to back without a
 * count (LDK's {@code required_vec}); field 2: optional {@code paths_absolute_expiry}, a u64 of
 * seconds since the Unix epoch.
 */
public record OfferPaths(List<BlindedMessagePath> paths, OptionalLong pathsAbsoluteExpiry,
        List<TlvRecord> unknownOddRecords) implements AsyncPaymentsMessage {

    private static final long PATHS = 0;
    private static final long PATHS_ABSOLUTE_EXPIRY = 2;
    private static final Set<Long> KNOWN = Set.of(PATHS, PATHS_ABSOLUTE_EXPIRY);

    public OfferPaths {
        paths = List.copyOf(paths);
        unknownOddRecords = LengthPrefixedTlvStream.checkUnknownOdd(unknownOddRecords, KNOWN);
    }

    public OfferPaths(List<BlindedMessagePath> paths, OptionalLong pathsAbsoluteExpiry) {
        this(paths, pathsAbsoluteExpiry, List.of());
    }

    @Override
    public OnionMessageType type() {
        return OnionMessageType.OFFER_PATHS;
    }

    @Override
    public TlvStream fields() {
        ByteWriter pathBytes = new ByteWriter();
        BlindedMessagePath.writeAll(pathBytes, paths);
        TlvStream.Builder builder = TlvStream.builder().add(PATHS, pathBytes.toByteArray());
        pathsAbsoluteExpiry.ifPresent(expiry ->
                builder.add(PATHS_ABSOLUTE_EXPIRY, new ByteWriter(8).u64(expiry).toByteArray()));
        return builder.addAll(unknownOddRecords).build();
    }

    static OfferPaths decode(byte[] value) throws DecodeException {
        TlvStream fields = LengthPrefixedTlvStream.decode(value, KNOWN, "offer_paths");
        List<BlindedMessagePath> paths = BlindedMessagePath.readAll(
                LengthPrefixedTlvStream.required(fields, PATHS, "paths").reader());
        OptionalLong expiry = OptionalLong.empty();
        if (fields.find(PATHS_ABSOLUTE_EXPIRY).isPresent()) {
            TlvRecord record = fields.find(PATHS_ABSOLUTE_EXPIRY).get();
            if (record.length() != 8) {
                throw new DecodeException("paths_absolute_expiry must be 8 bytes, got " + record.length());
            }
            expiry = OptionalLong.of(record.reader().u64());
        }
        return new OfferPaths(paths, expiry, LengthPrefixedTlvStream.unknownOdd(fields, KNOWN));
    }
}
