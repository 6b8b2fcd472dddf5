package io.staticinvoice.gateway;

import io.staticinvoice.lightning.wire.NodeId;

/** An onion message could not be handed to a peer: not connected, disconnected, or its send queue is full. */
public final class PeerUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public PeerUnavailableException(NodeId nodeId, String reason) {
        super(nodeId + ": " + reason);
    }
}
