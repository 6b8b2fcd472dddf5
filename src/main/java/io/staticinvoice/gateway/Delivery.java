package io.staticinvoice.gateway;

/** What became of an onion message the gateway sent or relayed. */
public enum Delivery {
    /** Written to the connection of the next node. */
    SENT,
    /** The next node is not connected here: the message waits in the mailbox until it is. */
    STORED
}
