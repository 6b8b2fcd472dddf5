package io.staticinvoice.gateway;

import io.staticinvoice.lightning.wire.NodeId;

/**
 * Whether this replica may dial a configured peer ({@code sis.lightning.peers}) now. Replicas of
 * one node share its node id, and a Lightning node keeps one connection per node id, so exactly one
 * replica at a time may keep a configured peer connected (DESIGN.md, "One node, many replicas").
 * Answered from memory: it is asked on the event loops.
 */
@FunctionalInterface
public interface PeerLeases {

    /** A gateway on its own, or a single replica: it dials every configured peer. */
    PeerLeases ALWAYS = nodeId -> true;

    boolean holds(NodeId nodeId);
}
