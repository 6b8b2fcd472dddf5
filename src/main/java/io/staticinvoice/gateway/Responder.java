package io.staticinvoice.gateway;

import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.onion.BlindedMessagePath;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Answers one {@link ReceivedMessage} over the reply path its sender included (BOLT 4
 * {@code reply_path}), the way LDK's {@code Responder} does.
 */
public interface Responder {

    /** Whether the sender included a reply path. */
    boolean canRespond();

    /**
     * Sends {@code message} over the sender's reply path, offering {@code ourReplyPath} for an
     * answer to it. The future completes with how the message left (sent to the next node, or
     * stored in the mailbox for it), or fails when there is no reply path, the path is unusable,
     * or the message was dropped.
     */
    CompletableFuture<Delivery> respond(TlvRecord message, Optional<BlindedMessagePath> ourReplyPath);

    /**
     * The connection the message came in on, when an answer goes straight back over it: the
     * reply path, past any hop of ours, starts at the node that sent the message, and that
     * connection is still open. Empty otherwise (no reply path, another first hop, an unusable
     * path, the connection closed). Finding the first hop reads our hop of the path (a point
     * multiplication, remembered for {@link #respond} by the node's unblinding cache).
     */
    Optional<Peer> returnConnection();
}
