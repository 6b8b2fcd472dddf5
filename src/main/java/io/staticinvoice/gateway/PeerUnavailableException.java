package io.staticinvoice.gateway;

import io.staticinvoice.lightning.wire.NodeId;

import java.util.Optional;
import java.util.concurrent.CompletionException;

/** An onion message could not be handed to a peer: not connected, disconnected, or its send queue is full. */
public final class PeerUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the message was not written. */
    public enum Reason {
        /** The connection closed (or never finished its setup) before the message was written. */
        DISCONNECTED,
        /** The peer's send queue is full; the message was dropped and counted. */
        QUEUE_FULL,
        /** The gateway is shutting down. */
        STOPPING
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
