package io.staticinvoice.relay;

import io.staticinvoice.gateway.UnbuiltOnionMessage;

import io.staticinvoice.lightning.wire.NodeId;
import java.util.Optional;

/**
 * The other replicas of this node, as far as messages are concerned (DESIGN.md, "One node, many
 * replicas"): which live replica a peer is connected to, and a way to hand that replica one of
 * this node's own messages for its peer without a table write.
 */
public interface OtherReplicas {

    /** A node of one replica: no peer is connected elsewhere. */
    OtherReplicas NONE = new OtherReplicas() {
        @Override
        public Optional<String> holding(NodeId node) {
            return Optional.empty();
        }

        @Override
        public boolean relay(String replica, UnbuiltOnionMessage message) {
            return false;
        }
    };

    /** The live replica, other than this one, that {@code node} is connected to, if any. */
    Optional<String> holding(NodeId node);

    /**
     * Hands {@code message} to {@code replica}, which sends it to its peer (or keeps it as this
     * replica would, if the peer left meanwhile).
     *
     * @return false when it could not be handed over (too large to relay, or the database failed)
     */
    boolean relay(String replica, UnbuiltOnionMessage message);
}
