package io.staticinvoice.gateway;

/**
 * The one consumer of onion messages that end at this node: the static invoice server's
 * protocol handlers (DESIGN.md steps 2 to 4) implement it. Called on a worker thread of the
 * bounded pool, never on an event loop, so it may use the database; it should not block for
 * long, since other peers' messages wait for the same threads.
 */
@FunctionalInterface
public interface ReceivedMessageHandler {

    void onMessage(ReceivedMessage message, Responder responder);
}
