package io.staticinvoice.gateway;

import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.onion.IntroductionNode;
import io.staticinvoice.lightning.onion.OnionMessageBuilder;
import io.staticinvoice.lightning.onion.OnionMessageSendException;
import io.staticinvoice.lightning.wire.NodeId;
import io.staticinvoice.lightning.wire.OnionMessage;

import java.util.List;
import java.util.Optional;

/**
 * One of this node's own onion messages, kept unbuilt while its first hop is offline: the path
 * (already stepped past our own hop), the message and its reply path. The mailbox stores it in
 * a few hundred bytes where the built onion takes up to 32 KiB, and builds the onion only when
 * the first hop connects, with fresh session keys.
 *
 * @param destination a blinded path whose introduction node is the first hop, not this node
 */
public record UnbuiltOnionMessage(BlindedMessagePath destination, TlvRecord message,
                                  Optional<BlindedMessagePath> replyPath) {

    public UnbuiltOnionMessage {
        if (!(destination.introductionNode() instanceof IntroductionNode.NodeId)) {
            throw new IllegalArgumentException("the introduction node is no node id: " + destination.introductionNode());
        }
    }

    /** The node the built message goes to first: the path's introduction node. */
    public NodeId firstHop() {
        return new NodeId(((IntroductionNode.NodeId) destination.introductionNode()).publicKey());
    }

    /** Builds the onion message, as sending it right away would have. */
    public OnionMessage build(OnionMessageBuilder builder) throws OnionMessageSendException {
        var built = builder.build(List.of(), destination, message, replyPath);
        return new OnionMessage(built.pathKey(), built.packet().encode());
    }

    /** The path, the message type, length and value, then a presence byte and the reply path. */
    public byte[] encode() {
        ByteWriter writer = new ByteWriter();
        destination.write(writer);
        writer.bigSize(message.type()).bigSize(message.length()).bytes(message.value());
        writer.u8(replyPath.isPresent() ? 1 : 0);
        replyPath.ifPresent(path -> path.write(writer));
        return writer.toByteArray();
    }

    /** Reads what {@link #encode()} wrote; anything else, trailing bytes included, is refused. */
    public static UnbuiltOnionMessage decode(byte[] bytes) throws DecodeException {
        ByteReader reader = new ByteReader(bytes);
        BlindedMessagePath destination = BlindedMessagePath.read(reader);
        long type = reader.bigSize();
        long length = reader.bigSize();
        if (length > reader.remaining()) {
            throw new DecodeException("message length " + length + " exceeds the " + reader.remaining() + " bytes left");
        }
        TlvRecord message = new TlvRecord(type, reader.bytes((int) length));
        Optional<BlindedMessagePath> replyPath = switch (reader.u8()) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of(BlindedMessagePath.read(reader));
            default -> throw new DecodeException("reply path presence must be 0 or 1");
        };
        if (reader.hasRemaining()) {
            throw new DecodeException(reader.remaining() + " trailing bytes after an unbuilt onion message");
        }
        try {
            return new UnbuiltOnionMessage(destination, message, replyPath);
        } catch (IllegalArgumentException e) {
            throw new DecodeException(e.getMessage());
        }
    }
}
