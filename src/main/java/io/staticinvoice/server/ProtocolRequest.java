package io.staticinvoice.server;

import io.staticinvoice.gateway.ReceivedMessage;
import io.staticinvoice.store.Recipient;

/**
 * An onion message that arrived over one of the server's own paths, after its context was
 * authenticated and its recipient found active.
 *
 * @param message   the message as the gateway received it
 * @param context   the path's authenticated context
 * @param recipient the active recipient the context names
 */
public record ProtocolRequest(ReceivedMessage message, PathContext context, Recipient recipient) {
}
