package io.staticinvoice.gateway;

import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.wire.NodeId;

import java.util.Optional;

/**
 * An onion message that ended at this node (BOLT 4 "Onion Messages", final hop), as the
 * server's {@link ReceivedMessageHandler} gets it.
 *
 * @param receivedFrom the peer that handed it over (not the sender, whom onion routing hides)
 * @param message      the message TLV: its type (64 and up, see
 *                     {@link io.staticinvoice.lightning.onion.OnionMessageType}) and value
 * @param pathId       the {@code path_id} of our final hop, present only when the message came
 *                     over a blinded path this node created (authenticated with its
 *                     {@link io.staticinvoice.lightning.onion.ReceiveAuthKey}); never forged
 * @param context      LDK's {@code context} field of our final hop, under the same condition
 * @param replyPath    where the sender asked for an answer, if anywhere
 */
public record ReceivedMessage(NodeId receivedFrom,
                              TlvRecord message,
                              Optional<byte[]> pathId,
                              Optional<byte[]> context,
                              Optional<BlindedMessagePath> replyPath) {

    public ReceivedMessage {
        pathId = pathId.map(byte[]::clone);
        context = context.map(byte[]::clone);
    }

    @Override
    public Optional<byte[]> pathId() {
        return pathId.map(byte[]::clone);
    }

    @Override
    public Optional<byte[]> context() {
        return context.map(byte[]::clone);
    }

    @Override
    public String toString() {
        return "ReceivedMessage[from=" + receivedFrom + ", type=" + message.type() + ", " + message.length()
                + " bytes, pathId=" + pathId.isPresent() + ", replyPath=" + replyPath.isPresent() + "]";
    }
}
