package io.staticinvoice.lightning.wire;

import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.TlvStream;
import io.staticinvoice.lightning.crypto.PublicKey;

import java.util.Arrays;
import java.util.Objects;

/**
 * {@code onion_message} (type 513, BOLT 4 "Onion Messages"): a path key (the blinding point of
 * the route-blinded hop that receives it) and a Sphinx {@code onion_message_packet}, carried
 * here as opaque bytes; the onion package peels them.
 */
public record OnionMessage(PublicKey pathKey, byte[] packet, TlvStream extension) implements LightningMessage {

    public static final int TYPE = 513;

    public OnionMessage {
        if (packet.length > 0xffff) {
            throw new IllegalArgumentException("onion packet longer than a u16 length");
        }
        packet = packet.clone();
    }

    public OnionMessage(PublicKey pathKey, byte[] packet) {
        this(pathKey, packet, TlvStream.empty());
    }

    /** A copy of the onion packet bytes. */
    @Override
    public byte[] packet() {
        return packet.clone();
    }

    /** Size of the onion packet, without copying it. */
    public int packetLength() {
        return packet.length;
    }

    /** The {@code onion_message} body without its type: path key, u16 length, packet, extension. */
    public byte[] encodeBody() {
        ByteWriter writer = new ByteWriter(PublicKey.LENGTH + 2 + packet.length);
        writePayload(writer);
        return writer.toByteArray();
    }

    /** Decodes an {@code onion_message} body without its type, as {@link #encodeBody()} writes it. */
    public static OnionMessage decodeBody(byte[] body) throws DecodeException {
        return read(new ByteReader(body));
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public String name() {
        return "onion_message";
    }

    @Override
    public void writePayload(ByteWriter writer) {
        writer.publicKey(pathKey).u16(packet.length).bytes(packet).bytes(extension.encode());
    }

    static OnionMessage read(ByteReader reader) throws DecodeException {
        PublicKey pathKey = reader.publicKey();
        byte[] packet = reader.bytes(reader.u16());
        return new OnionMessage(pathKey, packet, LightningMessage.readExtension(reader));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OnionMessage that && pathKey.equals(that.pathKey)
                && Arrays.equals(packet, that.packet) && extension.equals(that.extension);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pathKey, Arrays.hashCode(packet), extension);
    }

    @Override
    public String toString() {
        return "onion_message[pathKey=" + pathKey + ", packet=" + packet.length + " bytes]";
    }
}
