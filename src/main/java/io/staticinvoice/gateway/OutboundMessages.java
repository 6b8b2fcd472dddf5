package io.staticinvoice.gateway;

import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.onion.OnionMessageSendException;
import io.staticinvoice.lightning.wire.NodeId;
import io.staticinvoice.lightning.wire.OnionMessage;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where the onion messages that leave this node go: written to a connected peer, or kept or
 * handed on when the next node is not connected here (the relay package decides). The router
 * relays peeled messages and answers reply paths through it. Methods may block on the database:
 * call them from a worker thread, never an event loop.
 */
public interface OutboundMessages {

    /** Sends {@code message} to the end of {@code destination}, with {@code replyPath} for the answer. */
    CompletableFuture<Delivery> send(BlindedMessagePath destination, TlvRecord message,
                                     Optional<BlindedMessagePath> replyPath);

    /**
     * The node a message on {@code destination} goes to first: past our own hop when we introduce
     * the path, else its introduction node.
     */
    NodeId firstHop(BlindedMessagePath destination) throws OnionMessageSendException;

    /** Relays a peeled onion message to {@code next}. */
    CompletableFuture<Delivery> forward(NodeId next, OnionMessage message);
}
