package io.staticinvoice.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The gateway's Micrometer meters: connected peers, handshakes, disconnects and dropped onion
 * messages by reason, Lightning messages in and out by type, unanswered pings, and gauges of the
 * mailbox size, the outbound bytes queued, the direct memory of Netty's allocator, the worker
 * queue and the half-open connections.
 */
public final class GatewayMetrics {

    /** Why a BOLT 8 handshake did not complete. */
    public enum HandshakeFailure { BAD_ACT, TIMEOUT, CLOSED }

    /** Why the gateway closed a connection. */
    public enum Disconnect {
        CONNECTION_LIMIT, OVERSIZE_FRAME, DECRYPTION_FAILED, MALFORMED_MESSAGE, UNKNOWN_EVEN_MESSAGE,
        NO_INIT, INCOMPATIBLE_FEATURES, NO_ONION_MESSAGES, INCOMPATIBLE_CHAIN, PONG_TIMEOUT,
        PEER_ERROR, REPLACED, LOCAL_REQUEST, CONNECTION_LIMIT_PER_IP, HALF_OPEN_LIMIT, HALF_OPEN_EVICTED, PING_FLOOD
    }

    /** Why an onion message was dropped instead of being processed, relayed or stored. */
    public enum Drop {
        RATE_LIMITED, WORKER_POOL_FULL, PEER_QUEUE_FULL, SEND_FAILED, INVALID_ONION, UNKNOWN_NEXT_HOP,
        MAILBOX_FULL, MAILBOX_EXPIRED, UNKNOWN_DESTINATION, NO_HANDLER, OUTBOUND_BUDGET, PEER_WORKER_QUEUE_FULL,
        HOLD_FULL, HOLD_EXPIRED
    }

    /** Why a {@code ping} that asked for a {@code pong} got none. */
    public enum UnansweredPing { NOT_WRITABLE, OUTBOUND_BUDGET }

    public static final String PEERS_CONNECTED = "sis.gateway.peers.connected";
    public static final String HANDSHAKES_COMPLETED = "sis.gateway.handshakes.completed";
    static final String HANDSHAKES_FAILED = "sis.gateway.handshakes.failed";
    static final String DISCONNECTS = "sis.gateway.disconnects";
    static final String MESSAGES_IN = "sis.gateway.messages.in";
    static final String MESSAGES_OUT = "sis.gateway.messages.out";
    public static final String DROPS = "sis.gateway.drops";
    public static final String MAILBOX_SIZE = "sis.gateway.mailbox.size";
    static final String MAILBOX_PENDING = "sis.gateway.mailbox.pending-stores";
    static final String PINGS_UNANSWERED = "sis.gateway.pings.unanswered";
    static final String OUTBOUND_BYTES = "sis.gateway.outbound.bytes";
    static final String DIRECT_MEMORY = "sis.gateway.direct-memory.used";
    static final String WORKER_QUEUE = "sis.gateway.worker-queue.size";
    static final String HALF_OPEN = "sis.gateway.connections.half-open";
    static final String HELD_REQUESTS = "sis.gateway.held-requests.size";
    public static final String RELAYED = "sis.gateway.relayed";
    private static final String HANDSHAKES_FAILED_DESCRIPTION = "BOLT 8 handshakes that failed";
    private static final String DISCONNECTS_DESCRIPTION = "Connections closed by the gateway";
    private static final String DROPS_DESCRIPTION = "Onion messages dropped";
    private static final String MESSAGES_IN_DESCRIPTION = "Lightning messages received";
    private static final String MESSAGES_OUT_DESCRIPTION = "Lightning messages sent";
    private static final String RELAYED_DESCRIPTION = "Messages handed to the replica their next node is connected to";
    private static final String RELAYED_KIND = "forwarded_request";

    private final MeterRegistry registry;
    private final Counter handshakesCompleted;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    /** The {@code type} tags of {@link #MESSAGES_IN} and {@link #MESSAGES_OUT}: the messages' names. */
    static final List<String> MESSAGE_TYPES = List.of("init", "ping", "pong", "warning", "error", "onion_message", "unknown");

    /** Registers every meter at zero, so that dashboards and alerts see each series from the start. */
    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.handshakesCompleted = Counter.builder(HANDSHAKES_COMPLETED)
                .description("BOLT 8 handshakes completed").register(registry);
        for (HandshakeFailure reason : HandshakeFailure.values()) {
            counter(HANDSHAKES_FAILED, "reason", tag(reason), HANDSHAKES_FAILED_DESCRIPTION);
        }
        for (Disconnect reason : Disconnect.values()) {
            counter(DISCONNECTS, "reason", tag(reason), DISCONNECTS_DESCRIPTION);
        }
        for (Drop reason : Drop.values()) {
            counter(DROPS, "reason", tag(reason), DROPS_DESCRIPTION);
        }
        counter(RELAYED, "kind", RELAYED_KIND, RELAYED_DESCRIPTION);
        for (String type : MESSAGE_TYPES) {
            counter(MESSAGES_IN, "type", type, MESSAGES_IN_DESCRIPTION);
            counter(MESSAGES_OUT, "type", type, MESSAGES_OUT_DESCRIPTION);
        }
    }

    /** Registers the connected-peers gauge over {@code count}. */
    public void gaugePeers(Supplier<Number> count) {
        Gauge.builder(PEERS_CONNECTED, count).description("Peers with an exchanged init").register(registry);
    }

    /** Registers the mailbox-size gauge over {@code size}. */
    public void gaugeMailbox(Supplier<Number> size, Supplier<Number> pendingStores) {
        Gauge.builder(MAILBOX_SIZE, size).description("Onion messages waiting in the mailbox").register(registry);
        Gauge.builder(MAILBOX_PENDING, pendingStores).description("Mailbox stores queued for the batch writer")
                .register(registry);
    }

    /** Counts a message handed to another replica of this node for its peer. */
    public void relayed() {
        counter(RELAYED, "kind", RELAYED_KIND, RELAYED_DESCRIPTION).increment();
    }

    /** Registers the gauge of forwarded invoice_requests held in memory over {@code size}. */
    public void gaugeHeldRequests(Supplier<Number> size) {
        Gauge.builder(HELD_REQUESTS, size).description("Forwarded invoice_requests held in memory for offline recipients")
                .register(registry);
    }

    /** Registers a gauge of {@code name} over {@code value}. */
    void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    public void handshakeCompleted() {
        handshakesCompleted.increment();
    }

    public void handshakeFailed(HandshakeFailure reason) {
        counter(HANDSHAKES_FAILED, "reason", tag(reason), HANDSHAKES_FAILED_DESCRIPTION).increment();
    }

    public void disconnected(Disconnect reason) {
        counter(DISCONNECTS, "reason", tag(reason), DISCONNECTS_DESCRIPTION).increment();
    }

    public void dropped(Drop reason) {
        counter(DROPS, "reason", tag(reason), DROPS_DESCRIPTION).increment();
    }

    public void dropped(Drop reason, int count) {
        counter(DROPS, "reason", tag(reason), DROPS_DESCRIPTION).increment(count);
    }

    public void pingUnanswered(UnansweredPing reason) {
        counter(PINGS_UNANSWERED, "reason", tag(reason), "Pings left without a pong").increment();
    }

    public void messageIn(String type) {
        counter(MESSAGES_IN, "type", type, MESSAGES_IN_DESCRIPTION).increment();
    }

    public void messageOut(String type) {
        counter(MESSAGES_OUT, "type", type, MESSAGES_OUT_DESCRIPTION).increment();
    }

    private Counter counter(String name, String tagKey, String tagValue, String description) {
        return counters.computeIfAbsent(name + '|' + tagValue, key -> Counter.builder(name)
                .description(description).tag(tagKey, tagValue).register(registry));
    }

    private static String tag(Enum<?> reason) {
        return reason.name().toLowerCase(Locale.ROOT);
    }
}
