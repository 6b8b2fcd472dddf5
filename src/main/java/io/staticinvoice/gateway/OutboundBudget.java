package io.staticinvoice.gateway;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes that peers can make this node hold for them on the way out, all connections
 * together: onion messages queued for a peer (replies, relays, mail) and {@code pong}s, from the
 * moment they are queued until the socket has taken them. A connection's own share is bounded by
 * its send queue ({@code max-queued-bytes-per-peer}) and its write high-water mark
 * ({@code max-outbound-bytes-per-peer}); this bounds the sum ({@code max-outbound-bytes-total}),
 * so that many peers that stop reading cannot together exhaust direct memory. Thread-safe.
 */
final class OutboundBudget {

    private final long limit;
    private final AtomicLong reserved = new AtomicLong();

    OutboundBudget(long limit) {
        this.limit = limit;
    }

    /** Reserves {@code bytes} if they fit under the limit; false (nothing reserved) if not. */
    boolean tryReserve(long bytes) {
        long now = reserved.get();
        while (now + bytes <= limit) {
            if (reserved.compareAndSet(now, now + bytes)) {
                return true;
            }
            now = reserved.get();
        }
        return false;
    }

    /** Gives back bytes reserved earlier (once the socket took them, or they were dropped). */
    void release(long bytes) {
        reserved.addAndGet(-bytes);
    }

    /** The bytes reserved now. */
    long reserved() {
        return reserved.get();
    }
}
