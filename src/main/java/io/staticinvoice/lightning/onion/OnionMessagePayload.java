package io.staticinvoice.lightning.onion;

import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.codec.TlvStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One hop's {@code onionmsg_tlv} (BOLT 4 "The onion_message Message"): the {@code reply_path} (2),
 * the {@code encrypted_recipient_data} (4) and, for the final hop, at most one message TLV of type
 * 64 or more (see {@link OnionMessageType}; an unknown odd message type is kept too). Unknown odd
 * control types below 64 are kept; unknown even types are rejected, as is a second message TLV.
 *
 * @param replyPath              where the recipient may answer
 * @param encryptedRecipientData the hop's encrypted {@code encrypted_data_tlv}
 * @param message                the message TLV (final hop only)
 * @param unknownOddRecords      unknown odd types below 64
 */
public record OnionMessagePayload(
        Optional<BlindedMessagePath> replyPath,
        Optional<byte[]> encryptedRecipientData,
        Optional<TlvRecord> message,
        List<TlvRecord> unknownOddRecords) {

    static final long REPLY_PATH = 2;
    static final long ENCRYPTED_RECIPIENT_DATA = 4;

    public OnionMessagePayload {
        encryptedRecipientData = encryptedRecipientData.map(byte[]::clone);
        unknownOddRecords = List.copyOf(unknownOddRecords);
        if (message.isPresent() && !OnionMessageType.isMessageType(message.get().type())) {
            throw new IllegalArgumentException("message TLV type must be at least " + OnionMessageType.FIRST_MESSAGE_TYPE);
        }
        for (TlvRecord record : unknownOddRecords) {
            if (!record.isOdd() || OnionMessageType.isMessageType(record.type())) {
                throw new IllegalArgumentException("not an unknown odd control type: " + record.type());
            }
        }
    }

    /** A forwarding hop's payload: only its encrypted data. */
    public static OnionMessagePayload forwarding(byte[] encryptedRecipientData) {
        return new OnionMessagePayload(Optional.empty(), Optional.of(encryptedRecipientData), Optional.empty(), List.of());
    }

    /** The final hop's payload. */
    public static OnionMessagePayload receiving(byte[] encryptedRecipientData, TlvRecord message,
            Optional<BlindedMessagePath> replyPath) {
        return new OnionMessagePayload(replyPath, Optional.of(encryptedRecipientData), Optional.of(message), List.of());
    }

    /** The same payload with different encrypted recipient data. */
    public OnionMessagePayload withEncryptedRecipientData(byte[] data) {
        return new OnionMessagePayload(replyPath, Optional.of(data), message, unknownOddRecords);
    }

    @Override
    public Optional<byte[]> encryptedRecipientData() {
        return encryptedRecipientData.map(byte[]::clone);
    }

    /** The message's type when it is one this code knows. */
    public Optional<OnionMessageType> messageType() {
        return message.flatMap(record -> OnionMessageType.of(record.type()));
    }

    /** The value of the message TLV when it has the given type. */
    public Optional<byte[]> messageOf(OnionMessageType type) {
        return message.filter(record -> record.type() == type.tlvType()).map(TlvRecord::value);
    }

    /** Whether anything but the encrypted recipient data is present (not allowed on a forwarding hop). */
    public boolean hasFinalHopFields() {
        return replyPath.isPresent() || message.isPresent() || !unknownOddRecords.isEmpty();
    }

    /** Decodes an {@code onionmsg_tlv} from untrusted bytes. */
    public static OnionMessagePayload decode(byte[] bytes) throws DecodeException {
        TlvStream stream = TlvStream.decode(bytes, type -> type == REPLY_PATH || type == ENCRYPTED_RECIPIENT_DATA
                || OnionMessageType.of(type).isPresent());
        Optional<BlindedMessagePath> replyPath = Optional.empty();
        Optional<byte[]> encryptedData = Optional.empty();
        Optional<TlvRecord> message = Optional.empty();
        List<TlvRecord> unknown = new ArrayList<>();
        for (TlvRecord record : stream.records()) {
            if (record.type() == REPLY_PATH) {
                ByteReader reader = record.reader();
                replyPath = Optional.of(BlindedMessagePath.read(reader));
                if (reader.hasRemaining()) {
                    throw new DecodeException("reply_path has " + reader.remaining() + " trailing bytes");
                }
            } else if (record.type() == ENCRYPTED_RECIPIENT_DATA) {
                encryptedData = Optional.of(record.value());
            } else if (OnionMessageType.isMessageType(record.type())) {
                if (message.isPresent()) {
                    throw new DecodeException("onionmsg_tlv carries more than one message (types "
                            + Long.toUnsignedString(message.get().type()) + " and " + Long.toUnsignedString(record.type()) + ")");
                }
                message = Optional.of(record);
            } else {
                unknown.add(record);
            }
        }
        return new OnionMessagePayload(replyPath, encryptedData, message, unknown);
    }

    public byte[] encode() {
        TlvStream.Builder builder = TlvStream.builder();
        replyPath.ifPresent(path -> {
            ByteWriter writer = new ByteWriter();
            path.write(writer);
            builder.add(REPLY_PATH, writer.toByteArray());
        });
        encryptedRecipientData.ifPresent(data -> builder.add(ENCRYPTED_RECIPIENT_DATA, data));
        message.ifPresent(builder::add);
        builder.addAll(unknownOddRecords);
        return builder.build().encode();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OnionMessagePayload that && Arrays.equals(encode(), that.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "OnionMessagePayload[replyPath=" + replyPath.isPresent()
                + ", encryptedRecipientData=" + encryptedRecipientData.map(data -> data.length + " bytes").orElse("-")
                + ", message=" + message.map(record -> Long.toUnsignedString(record.type())).orElse("-")
                + ", unknownOdd=" + unknownOddRecords + "]";
    }
}
