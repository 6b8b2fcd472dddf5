package io.staticinvoice.gateway;

import io.staticinvoice.lightning.wire.OnionMessage;

/**
 * Receives every {@code onion_message} a peer sent that passed its rate limit, on a thread of
 * the bounded {@link OnionMessageWorkers} pool (never on an event loop), so it may peel, call
 * the server and touch the database.
 */
@FunctionalInterface
public interface InboundOnionMessageHandler {

    void onOnionMessage(Peer from, OnionMessage message);
}
