package io.staticinvoice.gateway;

import io.staticinvoice.lightning.wire.NodeId;

import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * An onion message could not be handed to a peer: disconnected, its send queue is full, or it is
 * not connected and neither the mailbox nor the hold of forwarded invoice_requests keeps it.
 */
public final class PeerUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the message was not written. */
    public enum Reason {
        /** The connection closed (or never finished its setup) before the message was written. */
        DISCONNECTED(false),
        /** The peer's send queue is full; the message was dropped and counted. */
        QUEUE_FULL(true),
        /** The node is not connected and the mailbox keeps nothing for it; the message was dropped and counted. */
        UNKNOWN_DESTINATION(true),
        /** The node is not connected and this replica holds as many forwarded invoice_requests as it may; dropped and counted. */
        HOLD_FULL(true),
        /** The gateway is shutting down. */
        STOPPING(false);

        private final boolean counted;

        Reason(boolean counted) {
            this.counted = counted;
        }

        /** Whether the drop was already counted where it happened. */
        public boolean counted() {
            return counted;
        }
    }

    private final Reason reason;

    public PeerUnavailableException(NodeId nodeId, Reason reason) {
        super((nodeId == null ? "peer" : nodeId.toString()) + ": " + reason.name().toLowerCase().replace('_', ' '));
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** The reason when {@code error} (possibly wrapped in a {@link CompletionException}) is one of these. */
    public static Optional<Reason> reasonOf(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof PeerUnavailableException unavailable ? Optional.of(unavailable.reason) : Optional.empty();
    }
}
