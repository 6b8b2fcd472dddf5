package io.staticinvoice.relay;

import io.staticinvoice.replica.Renewal;
import io.staticinvoice.gateway.LightningGateway;
import io.staticinvoice.gateway.PeerLeases;

import io.staticinvoice.lightning.wire.NodeId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Leases of the configured peers in PostgreSQL (table {@code peer_lease}), so that of all
 * replicas exactly one keeps each configured peer connected. Every third of the lease time, on a
 * thread of its own, it takes or renews each peer's lease in one statement: a free lease, an expired
 * one or its own. Winning a lease dials the peer; losing it (the database said so, or it could not
 * be renewed before it ran out) hangs up on it. Stopping gives the leases back, so another replica
 * takes the peers over at its next renewal instead of after the lease time.
 */
public final class PostgresPeerLeases implements PeerLeases, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresPeerLeases.class);

    private final JdbcClient jdbc;
    private final List<NodeId> peers;
    private final Duration ttl;
    private final String holder;
    /** The leases held, each with the {@link System#nanoTime()} its last renewal makes it last until. */
    private final Map<NodeId, Long> heldUntil = new ConcurrentHashMap<>();
    private final Renewal renewal;
    private LightningGateway gateway;

    /**
     * @param holder this replica's id, written into the leases it holds
     * @param peers the configured peers' node ids
     * @param ttl   how long a lease lasts unrenewed: how long a dead replica's peers wait for another
     */
    public PostgresPeerLeases(JdbcClient jdbc, String holder, List<NodeId> peers, Duration ttl) {
        this.jdbc = jdbc;
        this.holder = holder;
        this.renewal = new Renewal("peer-leases", ttl);
        this.peers = List.copyOf(peers);
        this.ttl = ttl;
    }

    @Override
    public boolean holds(NodeId nodeId) {
        Long until = heldUntil.get(nodeId);
        return until != null && System.nanoTime() - until < 0;
    }

    /**
     * Takes the leases it can for {@code gateway} before returning (so a replica reports ready
     * only once it holds its share of the configured peers), then renews them every third of the
     * lease time.
     */
    public synchronized void start(LightningGateway gateway) {
        if (renewal.isRunning() || peers.isEmpty()) {
            return;
        }
        this.gateway = gateway;
        renew();
        renewal.start(this::renew, ttl.dividedBy(3));
    }

    private void renew() {
        for (NodeId peer : peers) {
            long started = System.nanoTime();
            try {
                boolean won = jdbc.sql("insert into sis.peer_lease (node_id, holder, expires_at) "
                                + "values (:node, :holder, now() + make_interval(secs => :seconds)) "
                                + "on conflict (node_id) do update set holder = excluded.holder, "
                                + "expires_at = excluded.expires_at "
                                + "where sis.peer_lease.holder = excluded.holder or sis.peer_lease.expires_at < now() "
                                + "returning node_id")
                        .param("node", peer.bytes()).param("holder", holder).param("seconds", ttl.toMillis() / 1000.0)
                        .query().listOfRows().size() == 1;
                if (won) {
                    won(peer, started + ttl.toNanos());
                } else {
                    lost(peer);
                }
            } catch (DataAccessException e) {
                log.warn("Could not renew the lease of configured peer {}; keeping it while the lease lasts: {}",
                        peer, e.toString());
                if (!holds(peer)) {
                    lost(peer);
                }
            }
        }
    }

    private void won(NodeId peer, long untilNanos) {
        if (heldUntil.put(peer, untilNanos) == null) {
            log.info("Took the lease of configured peer {}: this replica keeps it connected", peer);
            gateway.leaseChanged(peer, true);
        }
    }

    private void lost(NodeId peer) {
        if (heldUntil.remove(peer) != null) {
            log.info("Gave up configured peer {}: its lease went to another replica or ran out unrenewed", peer);
            gateway.leaseChanged(peer, false);
        }
    }

    /** Stops renewing and gives the leases back. */
    @Override
    public synchronized void close() {
        if (!renewal.stop()) {
            return;
        }
        heldUntil.clear();
        try {
            jdbc.sql("delete from sis.peer_lease where holder = :holder").param("holder", holder).update();
        } catch (DataAccessException e) {
            log.warn("Could not give back the leases of configured peers; they expire in {}: {}", ttl, e.toString());
        }
    }
}
