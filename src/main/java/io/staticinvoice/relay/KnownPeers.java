package io.staticinvoice.relay;

import io.staticinvoice.gateway.PeerRegistry;

import io.staticinvoice.lightning.wire.NodeId;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The nodes the mailbox keeps messages for: configured peers, and nodes connected to any replica
 * within {@code known-peer-retention} ({@code sis.known_peer}). A node that connects or
 * disconnects here is vouched for at once in memory and written in the next batch (every
 * second, off the delivery thread); the peers connected here are written again every hour, so
 * a node that stays connected longer than the retention stays known to the other replicas and
 * after it leaves.
 */
final class KnownPeers {

    private static final Logger log = LoggerFactory.getLogger(KnownPeers.class);
    private static final Duration WRITE_INTERVAL = Duration.ofSeconds(1);
    /** How often the peers connected here are written again; the retention must be longer. */
    static final Duration REFRESH_INTERVAL = Duration.ofHours(1);
    private static final int WRITE_CHUNK = 1000;

    private final DataSource dataSource;
    private final PeerRegistry registry;
    private final Set<NodeId> configured;
    private final Set<NodeId> unwritten = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService writer;

    KnownPeers(DataSource dataSource, PeerRegistry registry, Set<NodeId> configured) {
        this.dataSource = dataSource;
        this.registry = registry;
        this.configured = Set.copyOf(configured);
    }

    /** Notes that {@code node} is (or was until now) connected here. */
    void seen(NodeId node) {
        unwritten.add(node);
    }

    /**
     * Whether this replica vouches for {@code node} without the table: configured, connected
     * here, or seen here since the last write.
     */
    boolean vouchedFor(NodeId node) {
        return configured.contains(node) || unwritten.contains(node) || registry.isConnected(node);
    }

    synchronized void start() {
        if (writer != null) {
            return;
        }
        writer = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("known-peers", true));
        writer.scheduleWithFixedDelay(this::write, WRITE_INTERVAL.toMillis(), WRITE_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        writer.scheduleAtFixedRate(() -> registry.all().forEach(peer -> seen(peer.nodeId())),
                REFRESH_INTERVAL.toMillis(), REFRESH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Writes what is pending, then stops. */
    synchronized void close() throws InterruptedException {
        if (writer == null) {
            return;
        }
        writer.shutdown();
        writer.awaitTermination(5, TimeUnit.SECONDS);
        writer = null;
        write();
    }

    /** Upserts the nodes seen since the last write, in chunks; on failure they wait for the next. */
    private void write() {
        List<NodeId> batch = List.copyOf(unwritten);
        for (int from = 0; from < batch.size(); from += WRITE_CHUNK) {
            List<NodeId> chunk = batch.subList(from, Math.min(batch.size(), from + WRITE_CHUNK));
            try {
                upsert(chunk);
                chunk.forEach(unwritten::remove);
            } catch (SQLException | RuntimeException e) {
                log.warn("Could not record {} connected peer(s), retrying: {}", chunk.size(), e.toString());
                return;
            }
        }
    }

    private void upsert(List<NodeId> nodes) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            Array ids = connection.createArrayOf("bytea", nodes.stream().map(NodeId::bytes).toArray(byte[][]::new));
            try (PreparedStatement upsert = connection.prepareStatement("insert into sis.known_peer "
                    + "(node_id, last_connected_at) select id, now() from unnest(?) as id "
                    + "on conflict (node_id) do update set last_connected_at = excluded.last_connected_at")) {
                upsert.setArray(1, ids);
                upsert.executeUpdate();
            } finally {
                ids.free();
            }
        }
    }
}
