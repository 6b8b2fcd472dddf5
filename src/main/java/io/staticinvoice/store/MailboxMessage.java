package io.staticinvoice.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An onion_message body waiting for its next-hop peer to connect (DESIGN.md step 5). */
@Entity
@Table(name = "mailbox_message")
public class MailboxMessage {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "destination_node_id", nullable = false, updatable = false)
    private byte[] destinationNodeId;

    @Column(nullable = false, updatable = false)
    private byte[] message;

    @Column(name = "enqueued_at", nullable = false, updatable = false)
    private Instant enqueuedAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;

    protected MailboxMessage() {
    }

    public MailboxMessage(byte[] destinationNodeId, byte[] message, Instant enqueuedAt, Instant expiresAt) {
        this.destinationNodeId = destinationNodeId.clone();
        this.message = message.clone();
        this.enqueuedAt = enqueuedAt;
        this.expiresAt = expiresAt;
    }

    public Long getId() {
        return id;
    }

    public byte[] getDestinationNodeId() {
        return destinationNodeId.clone();
    }

    public byte[] getMessage() {
        return message.clone();
    }

    public Instant getEnqueuedAt() {
        return enqueuedAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }
}
