package io.staticinvoice.lightning.offers;

import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.codec.TlvStream;
import io.staticinvoice.lightning.crypto.PublicKey;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.wire.Features;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Decoders for the value types of BOLT 12 TLV fields ({@code tu64}, {@code utf8}, {@code point},
 * {@code ...*blinded_path}, feature bit vectors), each failing with a {@link DecodeException}
 * that names the field. A value must be consumed exactly: trailing bytes are an error, as in
 * rust-lightning's TLV stream decoding ({@code lightning/src/util/ser_macros.rs}).
 */
final class TlvValues {

    private TlvValues() {
    }

    /** Reads one field value from a reader positioned at its first byte. */
    @FunctionalInterface
    interface ValueReader<T> {
        T read(ByteReader reader) throws DecodeException;
    }

    /** Decodes the value of {@code type} when present, requiring it to be consumed exactly. */
    static <T> Optional<T> optional(TlvStream stream, long type, String field, ValueReader<T> valueReader)
            throws DecodeException {
        Optional<TlvRecord> record = stream.find(type);
        if (record.isEmpty()) {
            return Optional.empty();
        }
        ByteReader reader = record.get().reader();
        try {
            T value = valueReader.read(reader);
            if (reader.hasRemaining()) {
                throw new DecodeException(reader.remaining() + " unexpected trailing bytes");
            }
            return Optional.of(value);
        } catch (DecodeException e) {
            throw new DecodeException(field + ": " + e.getMessage(), e);
        }
    }

    /** Items read back to back until the value is exhausted (BOLT 12 {@code ...*type}); may be empty. */
    static <T> Optional<List<T>> list(TlvStream stream, long type, String field, ValueReader<T> itemReader)
            throws DecodeException {
        return optional(stream, type, field, reader -> {
            List<T> items = new ArrayList<>();
            while (reader.hasRemaining()) {
                items.add(itemReader.read(reader));
            }
            return List.copyOf(items);
        });
    }

    /** A truncated unsigned integer of at most 8 bytes (BOLT 1 {@code tu64}), minimally encoded. */
    static OptionalLong tu64(TlvStream stream, long type, String field) throws DecodeException {
        Optional<Long> value = optional(stream, type, field, reader -> reader.tu64(reader.remaining()));
        return value.isPresent() ? OptionalLong.of(value.get()) : OptionalLong.empty();
    }

    /** A truncated unsigned integer of at most 4 bytes (BOLT 1 {@code tu32}), minimally encoded. */
    static OptionalLong tu32(TlvStream stream, long type, String field) throws DecodeException {
        Optional<Long> value = optional(stream, type, field, reader -> reader.tu32(reader.remaining()));
        return value.isPresent() ? OptionalLong.of(value.get()) : OptionalLong.empty();
    }

    /** A whole value of valid UTF-8. */
    static Optional<String> utf8(TlvStream stream, long type, String field) throws DecodeException {
        return optional(stream, type, field, reader -> strictUtf8(reader.rest()));
    }

    /** A whole value of raw bytes. */
    static Optional<byte[]> bytes(TlvStream stream, long type, String field) throws DecodeException {
        return optional(stream, type, field, ByteReader::rest);
    }

    /** A 33-byte compressed public key that is a valid secp256k1 point. */
    static Optional<PublicKey> point(TlvStream stream, long type, String field) throws DecodeException {
        return optional(stream, type, field, ByteReader::publicKey);
    }

    /** One or more blinded message paths filling the whole value. */
    static Optional<List<BlindedMessagePath>> messagePaths(TlvStream stream, long type, String field)
            throws DecodeException {
        return optional(stream, type, field, reader -> {
            List<BlindedMessagePath> paths = BlindedMessagePath.readAll(reader);
            if (paths.isEmpty()) {
                throw new DecodeException("no blinded path");
            }
            return paths;
        });
    }

    /**
     * A feature bit vector (BOLT 9) in which every set even bit belongs to a feature of
     * {@code known}: BOLT 12 readers must reject unknown required features.
     */
    static Features features(TlvStream stream, long type, String field, Features known) throws DecodeException {
        Features features = optional(stream, type, field, reader -> Features.decode(reader.rest()))
                .orElse(Features.empty());
        List<Integer> unknown = features.requiredBitsMissingFrom(known);
        if (!unknown.isEmpty()) {
            throw new DecodeException(field + ": unknown required feature bits " + unknown);
        }
        return features;
    }

    /** Decodes bytes as UTF-8, rejecting malformed or truncated sequences. */
    static String strictUtf8(byte[] bytes) throws DecodeException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new DecodeException("invalid UTF-8");
        }
    }
}
