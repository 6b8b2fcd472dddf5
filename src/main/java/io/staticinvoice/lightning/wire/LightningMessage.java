package io.staticinvoice.lightning.wire;

import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.TlvStream;

/**
 * A decrypted Lightning message (BOLT 1 "Lightning Message Format"): a 2-byte type, the
 * type's payload, and an optional extension TLV stream. This node understands the setup and
 * control messages and {@code onion_message}; any other type decodes to {@link UnknownMessage},
 * which the connection ignores when odd and answers by closing when even.
 */
public sealed interface LightningMessage
        permits Init, Ping, Pong, ErrorMessage, OnionMessage, UnknownMessage {

    /** The message type. */
    int type();

    /** A short lowercase name for logs and metrics ({@code init}, {@code onion_message}, ...). */
    String name();

    /** Writes the payload and extension (everything after the type). */
    void writePayload(ByteWriter writer);

    /** The whole message: type, payload, extension. */
    default byte[] encode() {
        ByteWriter writer = new ByteWriter();
        writer.u16(type());
        writePayload(writer);
        return writer.toByteArray();
    }

    /**
     * Decodes one whole message. A known type must have all its fields and a valid extension
     * (no unknown even TLV record); unknown types are returned as {@link UnknownMessage}.
     */
    static LightningMessage decode(byte[] message) throws DecodeException {
        ByteReader reader = new ByteReader(message);
        int type = reader.u16();
        return switch (type) {
            case Init.TYPE -> Init.read(reader);
            case Ping.TYPE -> Ping.read(reader);
            case Pong.TYPE -> Pong.read(reader);
            case ErrorMessage.TYPE_WARNING, ErrorMessage.TYPE_ERROR -> ErrorMessage.read(type, reader);
            case OnionMessage.TYPE -> OnionMessage.read(reader);
            default -> new UnknownMessage(type, reader.rest());
        };
    }

    /** Reads the rest of a message as an extension in which no TLV type is known. */
    static TlvStream readExtension(ByteReader reader) throws DecodeException {
        return TlvStream.decode(reader.rest(), type -> false);
    }
}
