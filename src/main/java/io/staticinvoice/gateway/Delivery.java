package io.staticinvoice.gateway;

/** What became of an onion message the gateway sent or relayed. */
public enum Delivery {
    /** Written to the connection of the next node. */
    SENT,
    /** The next node is not connected here: the message waits in the mailbox until it is. */
    STORED,
    /**
     * This node's forwarded invoice_request for a node connected nowhere: held in memory for a
     * short while ({@code sis.mailbox.forwarded-request-hold}) and sent if the node connects in time.
     */
    HELD,
    /** Handed to the replica of this node that the next node is connected to, which sends it. */
    RELAYED
}
