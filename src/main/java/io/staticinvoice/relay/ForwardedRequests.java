package io.staticinvoice.relay;

import io.staticinvoice.gateway.Delivery;
import io.staticinvoice.gateway.GatewayMetrics;
import io.staticinvoice.gateway.LightningGateway;
import io.staticinvoice.gateway.Peer;
import io.staticinvoice.gateway.PeerListener;
import io.staticinvoice.gateway.PeerRegistry;
import io.staticinvoice.gateway.PeerUnavailableException;
import io.staticinvoice.gateway.UnbuiltOnionMessage;

import io.staticinvoice.config.LightningProperties;
import io.staticinvoice.lightning.onion.OnionMessageBuilder;
import io.staticinvoice.lightning.onion.OnionMessageSendException;
import io.staticinvoice.lightning.wire.NodeId;
import io.staticinvoice.lightning.wire.OnionMessage;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where this node's invoice_requests forwarded to a recipient (DESIGN.md step 4) go when the
 * recipient's first hop is not connected here: to the replica it is connected to
 * ({@link OtherReplicas}), or, connected nowhere, held in memory for
 * {@code forwarded-request-hold} and sent if it connects to any replica in time. No row is
 * written for them: the payer already has the static invoice, and a forwarded request is useful to
 * a wallet only while the payer waits (ldk-node's {@code OnionMessageMailbox} likewise keeps
 * intercepted messages in memory only). So a replica that dies loses what it held.
 *
 * <p>Bounded: at most {@code max-held-requests-per-peer} per destination (the oldest dropped) and
 * this replica's share of {@code max-held-requests} in all (the live replicas share it; beyond
 * it, expired ones are purged and then the new one is dropped); both drops counted as
 * {@code hold_full}, expiries as {@code hold_expired}.
 */
public final class ForwardedRequests implements PeerListener {

    private static final Logger log = LoggerFactory.getLogger(ForwardedRequests.class);

    private final PeerRegistry registry;
    private final OtherReplicas others;
    private final OnionMessageBuilder builder;
    private final Executor workers;
    private final GatewayMetrics metrics;
    private final long holdNanos;
    private final int perPeer;
    private final IntSupplier share;
    private final LongSupplier nanoTime;
    /** Guarded by itself; {@link #size} with it. */
    private final Map<NodeId, Deque<Held>> held = new HashMap<>();
    private int size;

    private record Held(UnbuiltOnionMessage message, long deadline) {
    }

    /**
     * @param workers  where onions are built and sent for a peer that connected (never an event loop)
     * @param share    this replica's share of {@code max-held-requests} (the total over the live replicas)
     * @param nanoTime the clock of the hold time
     */
    public ForwardedRequests(PeerRegistry registry, OtherReplicas others, OnionMessageBuilder builder, Executor workers,
                             GatewayMetrics metrics, Duration hold, int perPeer, IntSupplier share, LongSupplier nanoTime) {
        this.registry = registry;
        this.others = others;
        this.builder = builder;
        this.workers = workers;
        this.metrics = metrics;
        this.holdNanos = hold.toNanos();
        this.perPeer = perPeer;
        this.share = share;
        this.nanoTime = nanoTime;
        metrics.gaugeHeldRequests(this::size);
    }

    /**
     * For the peers of {@code gateway}, bounded by {@code settings}; {@code liveReplicas} says how
     * many replicas share {@code max-held-requests}.
     */
    public static ForwardedRequests of(LightningGateway gateway, OtherReplicas others, OnionMessageBuilder builder,
                                       GatewayMetrics metrics, LightningProperties.Mailbox settings,
                                       IntSupplier liveReplicas) {
        return new ForwardedRequests(gateway.peers(), others, builder, gateway.workers().executor(), metrics,
                settings.forwardedRequestHold(), settings.maxHeldRequestsPerPeer(),
                () -> Math.max(1, settings.maxHeldRequests() / Math.max(1, liveReplicas.getAsInt())), System::nanoTime);
    }

    /** Whether {@code node} is connected to another live replica (so this one must not dial it). */
    public boolean connectedElsewhere(NodeId node) {
        return others.holding(node).isPresent();
    }

    /**
     * Takes an invoice_request for a first hop not connected here: relayed to the replica it is
     * connected to, else held.
     *
     * @return how it went; empty when the hold was full and it was dropped (counted)
     */
    public Optional<Delivery> take(UnbuiltOnionMessage message) {
        Optional<String> replica = others.holding(message.firstHop());
        if (replica.isPresent() && others.relay(replica.get(), message)) {
            metrics.relayed();
            return Optional.of(Delivery.RELAYED);
        }
        return hold(message) ? Optional.of(Delivery.HELD) : Optional.empty();
    }

    /**
     * A message another replica handed to this one: sent if its first hop is connected here (on the
     * worker pool), else held (it left in between).
     */
    public void relayedHere(UnbuiltOnionMessage message) {
        Optional<Peer> peer = registry.get(message.firstHop());
        if (peer.isPresent()) {
            workers.execute(() -> send(peer.get(), List.of(message)));
        } else {
            hold(message);
        }
    }

    /** A peer connected to another replica: what is held for it goes there. */
    public void arrivedElsewhere(NodeId node) {
        List<UnbuiltOnionMessage> waiting = release(node);
        if (waiting.isEmpty()) {
            return;
        }
        workers.execute(() -> {
            for (UnbuiltOnionMessage message : waiting) {
                if (!take(message).isPresent()) {
                    log.debug("Dropped a held invoice_request for {}: the hold is full", node);
                }
            }
        });
    }

    /** What is held for the peer is sent to it, oldest first, on the worker pool. */
    @Override
    public void peerConnected(Peer peer) {
        List<UnbuiltOnionMessage> waiting = release(peer.nodeId());
        if (!waiting.isEmpty()) {
            workers.execute(() -> send(peer, waiting));
        }
    }

    /** The requests held now, after dropping the expired ones. */
    public int size() {
        synchronized (held) {
            purgeExpired(nanoTime.getAsLong());
            return size;
        }
    }

    private boolean hold(UnbuiltOnionMessage message) {
        NodeId node = message.firstHop();
        long now = nanoTime.getAsLong();
        int droppedOldest = 0;
        synchronized (held) {
            if (size >= share.getAsInt()) {
                purgeExpired(now);
            }
            if (size >= share.getAsInt()) {
                metrics.dropped(GatewayMetrics.Drop.HOLD_FULL);
                return false;
            }
            Deque<Held> queue = held.computeIfAbsent(node, key -> new ArrayDeque<>());
            while (queue.size() >= perPeer) {
                queue.removeFirst();
                size--;
                droppedOldest++;
            }
            queue.addLast(new Held(message, now + holdNanos));
            size++;
        }
        if (droppedOldest > 0) {
            metrics.dropped(GatewayMetrics.Drop.HOLD_FULL, droppedOldest);
        }
        return true;
    }

    /** Takes what is held for {@code node} out of the hold: the unexpired messages, oldest first. */
    private List<UnbuiltOnionMessage> release(NodeId node) {
        long now = nanoTime.getAsLong();
        List<UnbuiltOnionMessage> unexpired = new ArrayList<>();
        int expired = 0;
        synchronized (held) {
            Deque<Held> queue = held.remove(node);
            if (queue == null) {
                return List.of();
            }
            size -= queue.size();
            for (Held entry : queue) {
                if (now - entry.deadline() < 0) {
                    unexpired.add(entry.message());
                } else {
                    expired++;
                }
            }
        }
        if (expired > 0) {
            metrics.dropped(GatewayMetrics.Drop.HOLD_EXPIRED, expired);
        }
        return unexpired;
    }

    /** Drops every expired entry; called with the lock held. */
    private void purgeExpired(long now) {
        int expired = 0;
        for (Iterator<Deque<Held>> queues = held.values().iterator(); queues.hasNext(); ) {
            Deque<Held> queue = queues.next();
            while (!queue.isEmpty() && now - queue.peekFirst().deadline() >= 0) {
                queue.removeFirst();
                expired++;
            }
            if (queue.isEmpty()) {
                queues.remove();
            }
        }
        size -= expired;
        if (expired > 0) {
            metrics.dropped(GatewayMetrics.Drop.HOLD_EXPIRED, expired);
        }
    }

    /** Builds and sends each message to {@code peer}; one that cannot be built or sent is dropped and counted. */
    private void send(Peer peer, List<UnbuiltOnionMessage> messages) {
        for (UnbuiltOnionMessage message : messages) {
            OnionMessage onion;
            try {
                onion = message.build(builder);
            } catch (OnionMessageSendException e) {
                metrics.dropped(GatewayMetrics.Drop.SEND_FAILED);
                log.debug("Dropped a held invoice_request for {}: {}", peer.nodeId(), e.getMessage());
                continue;
            }
            peer.send(onion).whenComplete((sent, error) -> {
                if (error != null && !PeerUnavailableException.reasonOf(error)
                        .map(PeerUnavailableException.Reason::counted).orElse(false)) {
                    metrics.dropped(GatewayMetrics.Drop.SEND_FAILED);
                }
            });
        }
    }
}
