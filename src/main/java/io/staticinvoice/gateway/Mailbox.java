package io.staticinvoice.gateway;

import io.staticinvoice.lightning.wire.NodeId;
import io.staticinvoice.lightning.wire.OnionMessage;

/**
 * Holds onion messages for peers that are not connected (DESIGN.md step 5: forwarded
 * invoice_requests, {@code held_htlc_available}) and delivers them, in order, when the peer
 * connects. Bounded per destination and in total, dropping the oldest.
 */
public interface Mailbox {

    /** Stores {@code message} for {@code destination}; blocking (database), never call it on an event loop. */
    void store(NodeId destination, OnionMessage message);
}
