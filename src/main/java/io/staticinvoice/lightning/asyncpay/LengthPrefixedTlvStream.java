package io.staticinvoice.lightning.asyncpay;

import io.staticinvoice.lightning.codec.BigSize;
import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.codec.TlvStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * LDK's {@code impl_writeable_tlv_based!} framing ({@code lightning/src/util/ser_macros.rs}): a
 * BigSize byte count, then a TLV stream of exactly that many bytes.
 */
final class LengthPrefixedTlvStream {

    private LengthPrefixedTlvStream() {
    }

    /** Reads the framed stream, which must fill {@code value}; unknown even types are rejected. */
    static TlvStream decode(byte[] value, Set<Long> knownTypes, String messageName) throws DecodeException {
        ByteReader reader = new ByteReader(value);
        long length = reader.bigSize();
        if (length != reader.remaining()) {
            throw new DecodeException(messageName + " declares " + Long.toUnsignedString(length)
                    + " bytes of fields but has " + reader.remaining());
        }
        return TlvStream.decode(reader.rest(), knownTypes::contains);
    }

    static byte[] encode(TlvStream fields) {
        byte[] stream = fields.encode();
        return new ByteWriter(BigSize.encodedLength(stream.length) + stream.length)
                .bigSize(stream.length).bytes(stream).toByteArray();
    }

    /** The records of types outside {@code knownTypes}: the unknown odd ones decoding kept. */
    static List<TlvRecord> unknownOdd(TlvStream stream, Set<Long> knownTypes) {
        List<TlvRecord> unknown = new ArrayList<>();
        for (TlvRecord record : stream.records()) {
            if (!knownTypes.contains(record.type())) {
                unknown.add(record);
            }
        }
        return unknown;
    }

    /** The required field of {@code type}. */
    static TlvRecord required(TlvStream stream, long type, String fieldName) throws DecodeException {
        return stream.find(type).orElseThrow(() -> new DecodeException("missing required field " + fieldName));
    }

    /** Checks that unknown odd records passed to a constructor really are unknown odd types. */
    static List<TlvRecord> checkUnknownOdd(List<TlvRecord> records, Set<Long> knownTypes) {
        for (TlvRecord record : records) {
            if (!record.isOdd() || knownTypes.contains(record.type())) {
                throw new IllegalArgumentException("not an unknown odd field: " + record.type());
            }
        }
        return List.copyOf(records);
    }
}
