package io.staticinvoice.gateway;

import io.staticinvoice.lightning.wire.NodeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * Keeps the configured peers ({@code sis.lightning.peers}) connected while this replica holds
 * their {@link PeerLeases lease}: connects at start or when the lease is taken ({@link #attempt}),
 * and after a failed attempt or a disconnect tries again after an exponential backoff between
 * the configured minimum and maximum (with ±20% jitter), reset by a successful connection.
 */
final class PersistentConnections implements PeerListener {

    private static final Logger log = LoggerFactory.getLogger(PersistentConnections.class);

    private final Map<NodeId, Target> targets = new ConcurrentHashMap<>();
    private final BiFunction<NodeId, InetSocketAddress, CompletableFuture<Peer>> connector;
    private final PeerRegistry registry;
    private final PeerLeases leases;
    private final ScheduledExecutorService scheduler;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private volatile boolean stopped;

    private static final class Target {
        final InetSocketAddress address;
        int failures;

        Target(InetSocketAddress address) {
            this.address = address;
        }
    }

    PersistentConnections(BiFunction<NodeId, InetSocketAddress, CompletableFuture<Peer>> connector,
                          PeerRegistry registry, PeerLeases leases, ScheduledExecutorService scheduler,
                          Duration minBackoff, Duration maxBackoff) {
        this.connector = connector;
        this.registry = registry;
        this.leases = leases;
        this.scheduler = scheduler;
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff;
    }

    void keep(NodeId nodeId, InetSocketAddress address) {
        targets.put(nodeId, new Target(address));
        attempt(nodeId);
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void peerDisconnected(Peer peer) {
        Target target = targets.get(peer.nodeId());
        if (target != null && !stopped) {
            schedule(peer.nodeId(), backoff(0));
        }
    }

    /** Connects to a configured peer unless it is connected or another replica holds its lease. */
    void attempt(NodeId nodeId) {
        Target target = targets.get(nodeId);
        if (stopped || target == null || registry.isConnected(nodeId) || !leases.holds(nodeId)) {
            return;
        }
        connector.apply(nodeId, target.address).whenComplete((peer, error) -> {
            synchronized (target) {
                if (error == null) {
                    target.failures = 0;
                    return;
                }
                target.failures++;
                log.info("Connecting to {} at {}:{} failed ({} in a row): {}", nodeId, target.address.getHostString(), target.address.getPort(),
                        target.failures, error.toString());
                schedule(nodeId, backoff(target.failures));
            }
        });
    }

    private void schedule(NodeId nodeId, Duration delay) {
        if (!stopped) {
            scheduler.schedule(() -> attempt(nodeId), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** {@code min * 2^(failures-1)}, capped at {@code max}, with ±20% jitter; {@code min} for 0 failures. */
    Duration backoff(int failures) {
        double base = minBackoff.toMillis() * Math.pow(2, Math.max(0, failures - 1));
        double capped = Math.min(base, maxBackoff.toMillis());
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis((long) (capped * jitter));
    }
}
