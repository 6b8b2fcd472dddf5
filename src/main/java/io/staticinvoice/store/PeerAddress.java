package io.staticinvoice.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The last address a peer was reached at, shared by replicas that need to connect to it. */
@Entity
@Table(name = "peer_address")
public class PeerAddress {

    @Id
    @Column(name = "node_id", nullable = false, updatable = false)
    private byte[] nodeId;

    @Column(nullable = false)
    private String host;

    @Column(nullable = false)
    private int port;

    @Column(name = "last_seen", nullable = false)
    private Instant lastSeen;

    protected PeerAddress() {
    }

    public PeerAddress(byte[] nodeId, String host, int port, Instant lastSeen) {
        this.nodeId = nodeId.clone();
        this.host = host;
        this.port = port;
        this.lastSeen = lastSeen;
    }

    public byte[] getNodeId() {
        return nodeId.clone();
    }

    public String getHost() {
        return host;
    }

    public int getPort() {
        return port;
    }

    public Instant getLastSeen() {
        return lastSeen;
    }

    public void seenAt(String host, int port, Instant now) {
        this.host = host;
        this.port = port;
        this.lastSeen = now;
    }
}
