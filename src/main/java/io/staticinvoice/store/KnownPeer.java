package io.staticinvoice.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A node that completed a connection with this node (any replica) and when it last did: the
 * mailbox keeps messages only for such nodes, and the maintenance job forgets them after
 * {@code sis.mailbox.known-peer-retention}.
 */
@Entity
@Table(name = "known_peer")
public class KnownPeer {

    @Id
    @Column(name = "node_id", nullable = false, updatable = false)
    private byte[] nodeId;

    @Column(name = "last_connected_at", nullable = false)
    private Instant lastConnectedAt;

    protected KnownPeer() {
    }

    public KnownPeer(byte[] nodeId, Instant lastConnectedAt) {
        this.nodeId = nodeId.clone();
        this.lastConnectedAt = lastConnectedAt;
    }

    public byte[] getNodeId() {
        return nodeId.clone();
    }

    public Instant getLastConnectedAt() {
        return lastConnectedAt;
    }
}
