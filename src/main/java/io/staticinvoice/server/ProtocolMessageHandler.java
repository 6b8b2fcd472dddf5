package io.staticinvoice.server;

import io.staticinvoice.gateway.Responder;
import io.staticinvoice.lightning.onion.OnionMessageType;

/**
 * Handles one message type of the static invoice server protocol (DESIGN.md steps 2-4), once
 * {@link StaticInvoiceServer} has authenticated it. Throws {@link MessageDropped} to drop it.
 */
public interface ProtocolMessageHandler {

    /** The onion message type handled. */
    OnionMessageType type();

    /** The only kind of path this message may arrive over. */
    PathContext.Kind pathKind();

    void handle(ProtocolRequest request, Responder responder);
}
