package io.staticinvoice.lightning.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongPredicate;

/**
 * A BOLT 1 TLV stream ("Type-Length-Value Format"): records in strictly increasing type order.
 * Decoding enforces BOLT 1's reader rules (ordering, no duplicates, length within the stream,
 * unknown even types rejected); unknown odd records are kept so that {@link #encode()} writes
 * them back unchanged.
 */
public record TlvStream(List<TlvRecord> records) {

    private static final TlvStream EMPTY = new TlvStream(List.of());

    public TlvStream {
        records = List.copyOf(records);
        for (int i = 1; i < records.size(); i++) {
            if (Long.compareUnsigned(records.get(i - 1).type(), records.get(i).type()) >= 0) {
                throw new IllegalArgumentException("TLV records not in strictly increasing type order");
            }
        }
    }

    public static TlvStream empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Decodes a whole TLV stream.
     *
     * @param isKnownType which types the caller understands; an even type it does not know
     *                    is rejected, an odd one is kept as an opaque record
     */
    public static TlvStream decode(byte[] bytes, LongPredicate isKnownType) throws DecodeException {
        ByteReader reader = new ByteReader(bytes);
        List<TlvRecord> records = new ArrayList<>();
        long previousType = 0;
        while (reader.hasRemaining()) {
            long type = reader.bigSize();
            if (!records.isEmpty() && Long.compareUnsigned(type, previousType) <= 0) {
                throw new DecodeException(type == previousType
                        ? "duplicate TLV type " + Long.toUnsignedString(type)
                        : "TLV types not increasing: " + Long.toUnsignedString(type)
                                + " after " + Long.toUnsignedString(previousType));
            }
            long length = reader.bigSize();
            if (Long.compareUnsigned(length, reader.remaining()) > 0) {
                throw new DecodeException("TLV type " + Long.toUnsignedString(type) + " length "
                        + Long.toUnsignedString(length) + " exceeds remaining " + reader.remaining() + " bytes");
            }
            byte[] value = reader.bytes((int) length);
            if (!isKnownType.test(type) && (type & 1) == 0) {
                throw new DecodeException("unknown even TLV type " + Long.toUnsignedString(type));
            }
            records.add(new TlvRecord(type, value));
            previousType = type;
        }
        return new TlvStream(records);
    }

    /** The canonical serialization: each record as BigSize type, BigSize length, value. */
    public byte[] encode() {
        ByteWriter writer = new ByteWriter();
        for (TlvRecord record : records) {
            record.writeTo(writer);
        }
        return writer.toByteArray();
    }

    public Optional<TlvRecord> find(long type) {
        for (TlvRecord record : records) {
            if (record.type() == type) {
                return Optional.of(record);
            }
        }
        return Optional.empty();
    }

    /**
     * Collects records in any order and builds a stream sorted by type, so encoders never
     * mis-order records; adding the same type twice is a programming error.
     */
    public static final class Builder {

        private final TreeMap<Long, TlvRecord> records = new TreeMap<>(Long::compareUnsigned);

        private Builder() {
        }

        public Builder add(long type, byte[] value) {
            return add(new TlvRecord(type, value));
        }

        public Builder add(TlvRecord record) {
            if (records.putIfAbsent(record.type(), record) != null) {
                throw new IllegalArgumentException("duplicate TLV type " + Long.toUnsignedString(record.type()));
            }
            return this;
        }

        /** Adds every record, e.g. the unknown odd records kept from a decoded stream. */
        public Builder addAll(Iterable<TlvRecord> more) {
            more.forEach(this::add);
            return this;
        }

        public TlvStream build() {
            return new TlvStream(List.copyOf(records.values()));
        }
    }
}
