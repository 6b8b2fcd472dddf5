package io.staticinvoice.gateway;

/** Who opened a peer connection: the peer ({@code INBOUND}, we are the BOLT 8 responder) or us. */
public enum Direction { INBOUND, OUTBOUND }
