package io.staticinvoice.lightning.onion;

import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.crypto.PublicKey;
import java.util.Optional;

/**
 * What peeling an incoming {@code onion_message} yields (BOLT 4 "Onion Messages", reader
 * requirements; LDK's {@code PeeledOnion}, {@code lightning/src/onion_message/messenger.rs}):
 * a message to pass on, or one that ends at this node.
 */
public sealed interface PeeledMessage {

    /**
     * Relay: send {@code onion_message {nextPathKey, nextPacket}} to {@code nextHop}.
     *
     * @param nextHop     the next node, by id or by one of our channels
     * @param nextPathKey the {@code path_key} to hand it
     * @param nextPacket  the packet with our layer removed
     */
    record Forward(NextMessageHop nextHop, PublicKey nextPathKey, OnionMessagePacket nextPacket) implements PeeledMessage {
    }

    /**
     * The message is for us.
     *
     * @param payload        the final hop's {@code onionmsg_tlv} (message, reply path)
     * @param recipientData  our decrypted {@code encrypted_data_tlv}: the {@code path_id} and LDK
     *                       {@code context} we put in the path, and any other fields
     * @param authenticated  whether {@code recipientData} verified with our {@link ReceiveAuthKey},
     *                       i.e. the message came over a path we created
     * @param dummyHops      how many of our own dummy hops were peeled before the final one
     */
    record Receive(OnionMessagePayload payload, EncryptedData recipientData, boolean authenticated, int dummyHops)
            implements PeeledMessage {

        public Optional<TlvRecord> message() {
            return payload.message();
        }

        public Optional<BlindedMessagePath> replyPath() {
            return payload.replyPath();
        }

        public Optional<byte[]> pathId() {
            return recipientData.pathId();
        }

        public Optional<byte[]> context() {
            return recipientData.context();
        }
    }
}
