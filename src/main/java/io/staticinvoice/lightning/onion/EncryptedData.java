package io.staticinvoice.lightning.onion;

import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.codec.TlvStream;
import io.staticinvoice.lightning.crypto.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The plaintext of one blinded hop's {@code encrypted_recipient_data}: the {@code encrypted_data_tlv}
 * stream of BOLT 4 ("Inside encrypted_recipient_data"), with the two fields LDK 0.2 adds for
 * message paths ({@code lightning/src/onion_message/packet.rs} {@code ControlTlvs}): its
 * {@code MessageContext} (type 65537) and the dummy-hop marker (type 65539).
 *
 * <p>Every value has one {@link Role}: a hop that names a next hop forwards; one that carries the
 * dummy marker is a dummy hop its creator peels itself; any other one is the final hop. Inconsistent
 * combinations (both next-hop forms, a {@code path_id} on a forwarding hop, an override without a
 * next hop, ...) are rejected. Padding must be zero bytes, as every writer produces it. Unknown odd
 * types are kept and written back unchanged.
 *
 * @param padding             length of the zero {@code padding} (type 1), if present
 * @param nextHop             {@code short_channel_id} (2) or {@code next_node_id} (4)
 * @param pathId              {@code path_id} (6): the final hop creator's private data
 * @param nextPathKeyOverride {@code next_path_key_override} (8)
 * @param context             LDK's serialized {@code MessageContext} (65537), final hop only
 * @param dummy               whether the dummy marker (65539, empty) is present
 * @param unknownOddRecords   records of unknown odd types, in type order
 */
public record EncryptedData(
        OptionalInt padding,
        Optional<NextMessageHop> nextHop,
        Optional<byte[]> pathId,
        Optional<PublicKey> nextPathKeyOverride,
        Optional<byte[]> context,
        boolean dummy,
        List<TlvRecord> unknownOddRecords) {

    /** What the hop does with a message. */
    public enum Role {
        /** Pass the message to {@link EncryptedData#nextHop()}. */
        FORWARD,
        /** A padding hop addressed to the path's creator, which peels it and continues. */
        DUMMY,
        /** The path ends here. */
        RECEIVE
    }

    static final long PADDING = 1;
    static final long SHORT_CHANNEL_ID = 2;
    static final long NEXT_NODE_ID = 4;
    static final long PATH_ID = 6;
    static final long NEXT_PATH_KEY_OVERRIDE = 8;
    static final long CONTEXT = 65537;
    static final long DUMMY_MARKER = 65539;

    private static final List<Long> KNOWN_TYPES =
            List.of(PADDING, SHORT_CHANNEL_ID, NEXT_NODE_ID, PATH_ID, NEXT_PATH_KEY_OVERRIDE, CONTEXT, DUMMY_MARKER);

    /** Validates the combination; throws {@link IllegalArgumentException} for an inconsistent one. */
    public EncryptedData {
        Objects.requireNonNull(padding, "padding");
        pathId = pathId.map(byte[]::clone);
        context = context.map(byte[]::clone);
        unknownOddRecords = List.copyOf(unknownOddRecords);
        String inconsistency = inconsistency(padding, nextHop, pathId, nextPathKeyOverride, context, dummy, unknownOddRecords);
        if (inconsistency != null) {
            throw new IllegalArgumentException(inconsistency);
        }
    }

    /** A forwarding hop's data (LDK's {@code ForwardTlvs}). */
    public static EncryptedData forward(NextMessageHop nextHop, Optional<PublicKey> nextPathKeyOverride) {
        return new EncryptedData(OptionalInt.empty(), Optional.of(nextHop), Optional.empty(), nextPathKeyOverride,
                Optional.empty(), false, List.of());
    }

    /** A dummy hop's data (LDK's {@code DummyTlv}). */
    public static EncryptedData dummyHop() {
        return new EncryptedData(OptionalInt.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), true, List.of());
    }

    /** A final hop's data carrying a BOLT 4 {@code path_id}. */
    public static EncryptedData receiveWithPathId(byte[] pathId) {
        return new EncryptedData(OptionalInt.empty(), Optional.empty(), Optional.of(pathId), Optional.empty(),
                Optional.empty(), false, List.of());
    }

    /** A final hop's data carrying a context in LDK's type 65537 (LDK's {@code ReceiveTlvs}). */
    public static EncryptedData receiveWithContext(byte[] context) {
        return new EncryptedData(OptionalInt.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(context), false, List.of());
    }

    /** The same data with a zero padding field of {@code length} bytes (replacing any padding). */
    public EncryptedData withPadding(int length) {
        return new EncryptedData(OptionalInt.of(length), nextHop, pathId, nextPathKeyOverride, context, dummy,
                unknownOddRecords);
    }

    /** The same data without padding. */
    public EncryptedData withoutPadding() {
        return new EncryptedData(OptionalInt.empty(), nextHop, pathId, nextPathKeyOverride, context, dummy,
                unknownOddRecords);
    }

    public Role role() {
        if (nextHop.isPresent()) {
            return Role.FORWARD;
        }
        return dummy ? Role.DUMMY : Role.RECEIVE;
    }

    @Override
    public Optional<byte[]> pathId() {
        return pathId.map(byte[]::clone);
    }

    @Override
    public Optional<byte[]> context() {
        return context.map(byte[]::clone);
    }

    /** Decodes a decrypted {@code encrypted_data_tlv} stream from untrusted bytes. */
    public static EncryptedData decode(byte[] plaintext) throws DecodeException {
        TlvStream stream = TlvStream.decode(plaintext, KNOWN_TYPES::contains);
        OptionalInt padding = OptionalInt.empty();
        Optional<NextMessageHop> scid = Optional.empty();
        Optional<NextMessageHop> nodeId = Optional.empty();
        Optional<byte[]> pathId = Optional.empty();
        Optional<PublicKey> override = Optional.empty();
        Optional<byte[]> context = Optional.empty();
        boolean dummy = false;
        List<TlvRecord> unknown = new ArrayList<>();
        for (TlvRecord record : stream.records()) {
            long type = record.type();
            if (type == PADDING) {
                padding = OptionalInt.of(zeroPadding(record.value()));
            } else if (type == SHORT_CHANNEL_ID) {
                scid = Optional.of(new NextMessageHop.ShortChannelId(exact(record, 8).u64()));
            } else if (type == NEXT_NODE_ID) {
                nodeId = Optional.of(new NextMessageHop.NodeId(exact(record, PublicKey.LENGTH).publicKey()));
            } else if (type == PATH_ID) {
                pathId = Optional.of(record.value());
            } else if (type == NEXT_PATH_KEY_OVERRIDE) {
                override = Optional.of(exact(record, PublicKey.LENGTH).publicKey());
            } else if (type == CONTEXT) {
                context = Optional.of(record.value());
            } else if (type == DUMMY_MARKER) {
                exact(record, 0);
                dummy = true;
            } else {
                unknown.add(record);
            }
        }
        if (scid.isPresent() && nodeId.isPresent()) {
            throw new DecodeException("encrypted_data_tlv has both short_channel_id and next_node_id");
        }
        Optional<NextMessageHop> nextHop = scid.isPresent() ? scid : nodeId;
        String inconsistency = inconsistency(padding, nextHop, pathId, override, context, dummy, unknown);
        if (inconsistency != null) {
            throw new DecodeException(inconsistency);
        }
        return new EncryptedData(padding, nextHop, pathId, override, context, dummy, unknown);
    }

    /** The {@code encrypted_data_tlv} stream, records in type order. */
    public byte[] encode() {
        TlvStream.Builder builder = TlvStream.builder();
        padding.ifPresent(length -> builder.add(PADDING, new byte[length]));
        nextHop.ifPresent(hop -> {
            if (hop instanceof NextMessageHop.ShortChannelId channel) {
                builder.add(SHORT_CHANNEL_ID, new ByteWriter(8).u64(channel.scid()).toByteArray());
            } else if (hop instanceof NextMessageHop.NodeId node) {
                builder.add(NEXT_NODE_ID, node.nodeId().bytes());
            }
        });
        pathId.ifPresent(id -> builder.add(PATH_ID, id));
        nextPathKeyOverride.ifPresent(key -> builder.add(NEXT_PATH_KEY_OVERRIDE, key.bytes()));
        context.ifPresent(bytes -> builder.add(CONTEXT, bytes));
        if (dummy) {
            builder.add(DUMMY_MARKER, new byte[0]);
        }
        builder.addAll(unknownOddRecords);
        return builder.build().encode();
    }

    private static String inconsistency(OptionalInt padding, Optional<NextMessageHop> nextHop, Optional<byte[]> pathId,
            Optional<PublicKey> override, Optional<byte[]> context, boolean dummy, List<TlvRecord> unknownOddRecords) {
        if (padding.isPresent() && padding.getAsInt() < 0) {
            return "negative padding length";
        }
        for (TlvRecord record : unknownOddRecords) {
            if (!record.isOdd() || KNOWN_TYPES.contains(record.type())) {
                return "type " + Long.toUnsignedString(record.type()) + " is not an unknown odd type";
            }
        }
        if (nextHop.isPresent()) {
            if (pathId.isPresent()) {
                return "path_id on a forwarding hop";
            }
            if (dummy) {
                return "dummy marker on a forwarding hop";
            }
        } else {
            if (override.isPresent()) {
                return "next_path_key_override without a next hop";
            }
            if (dummy && (pathId.isPresent() || context.isPresent())) {
                return "dummy hop carries recipient data";
            }
        }
        return null;
    }

    private static int zeroPadding(byte[] value) throws DecodeException {
        for (byte b : value) {
            if (b != 0) {
                throw new DecodeException("padding contains non-zero bytes");
            }
        }
        return value.length;
    }

    private static ByteReader exact(TlvRecord record, int length) throws DecodeException {
        if (record.length() != length) {
            throw new DecodeException("encrypted_data_tlv type " + record.type() + " must be " + length
                    + " bytes, got " + record.length());
        }
        return record.reader();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EncryptedData that && Arrays.equals(encode(), that.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "EncryptedData[role=" + role() + ", nextHop=" + nextHop.map(Object::toString).orElse("-")
                + ", pathId=" + pathId.map(Hex::encode).orElse("-")
                + ", nextPathKeyOverride=" + nextPathKeyOverride.map(PublicKey::hex).orElse("-")
                + ", context=" + context.map(Hex::encode).orElse("-")
                + ", padding=" + (padding.isPresent() ? padding.getAsInt() : "-")
                + ", unknownOdd=" + unknownOddRecords + "]";
    }
}
