package io.staticinvoice.gateway;

import io.staticinvoice.config.LightningProperties;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.wire.NodeId;
import io.staticinvoice.lightning.wire.OnionMessage;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The {@link Mailbox} in PostgreSQL ({@code sis.mailbox_message}), shared by every replica.
 *
 * <p>Only known destinations get mail: configured peers, and nodes that connected to any replica
 * within {@code known-peer-retention} ({@code sis.known_peer}, written when a peer connects
 * here). Anything else could be any node id a sender made up, so it is dropped and counted as
 * {@code unknown_destination}. Storing checks that, inserts the message, trims the destination's
 * messages to {@code max-per-peer} by dropping the oldest, and sends
 * {@code NOTIFY sis_mailbox '<node id>'}, in one statement (one round trip, its own
 * transaction); then, when the table holds more than {@code max-total}, drops
 * its oldest messages (both drops counted as {@code mailbox_full}). The table is counted exactly
 * only when that matters (a {@code count(*)} visits every row: milliseconds at 200,000 messages):
 * it is counted at polls (every {@code poll-interval}), and the count is moved by this replica's
 * own stores and deliveries in between; a store counts exactly once that running count comes
 * within a tenth of {@code max-total}. The bound is exact unless other replicas (or the
 * maintenance job's purge) change the table by more than a tenth of it between two counts here.
 *
 * <p>Delivery runs on one thread, so a destination's messages leave in order: when a peer
 * connects here, when a notification names a peer connected here, and every
 * {@code poll-interval} for all peers connected here (in case a notification was missed), its
 * unexpired messages are read oldest first in batches with {@code FOR UPDATE SKIP LOCKED} (so
 * two replicas never send the same row), written through the peer's paced send queue, and
 * deleted in the same transaction once written. Expired rows are skipped here and purged by
 * the maintenance job.
 */
public final class PostgresMailbox implements Mailbox, PeerListener, AutoCloseable {

    static final String CHANNEL = "sis_mailbox";

    private static final Logger log = LoggerFactory.getLogger(PostgresMailbox.class);
    private static final int POLL_CHUNK = 1000;
    /** The longest one wait for notifications blocks, so that {@link #close()} is prompt. */
    private static final int MAX_WAIT_MILLIS = 500;
    /** Pause before the listener reconnects after losing its database connection. */
    private static final int RETRY_MILLIS = 1_000;
    private static final long UNKNOWN = -1;

    private record Stored(long id, byte[] body) {
    }

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final LightningProperties.Mailbox settings;
    private final PeerRegistry registry;
    private final GatewayMetrics metrics;
    private final Duration writeTimeout;
    private final Set<NodeId> configuredPeers;
    private volatile ExecutorService deliveries;
    private final Set<NodeId> scheduled = ConcurrentHashMap.newKeySet();
    /**
     * Rows in the table as this replica knows them: counted at polls that no store or delivery of
     * this replica overlaps, moved by its own stores and deliveries in between; {@link #UNKNOWN}
     * until first counted.
     */
    private final AtomicLong size = new AtomicLong(UNKNOWN);
    private final AtomicInteger changesInFlight = new AtomicInteger();
    private final AtomicLong changesDone = new AtomicLong();
    private volatile boolean running;
    private Thread listener;

    /**
     * @param writeTimeout how long delivery waits for a batch to be written to the peer before
     *                     leaving the rest for later (a peer that stops answering pings is
     *                     disconnected by then)
     * @param configuredPeers the {@code sis.lightning.peers}: known from the start
     */
    public PostgresMailbox(DataSource dataSource, LightningProperties.Mailbox settings, PeerRegistry registry,
                           GatewayMetrics metrics, Duration writeTimeout, Set<NodeId> configuredPeers) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.settings = settings;
        this.registry = registry;
        this.metrics = metrics;
        this.writeTimeout = writeTimeout;
        this.configuredPeers = Set.copyOf(configuredPeers);
        metrics.gaugeMailbox(this::size);
    }

    @Override
    public boolean store(NodeId destination, OnionMessage message) {
        Integer dropped = counting(() -> {
            // One statement (one round trip, its own transaction): the check that the destination
            // is known, the insert, the per-peer trim and the notification. The delete sees the
            // rows from before the insert, so it keeps the newest max-per-peer - 1 of them. Trims
            // skip rows a delivery holds locked (they are being written to the peer and deleted
            // anyway), so a store never waits for a delivery.
            int[] outcome = jdbc.sql("with known as (select :configured or exists (select 1 from sis.known_peer "
                            + "where node_id = :node and last_connected_at > now() - make_interval(secs => :retention)) "
                            + "as yes), "
                            + "stored as (insert into sis.mailbox_message (destination_node_id, message, expires_at) "
                            + "select :node, :message, now() + make_interval(secs => :ttl) from known where yes "
                            + "returning 1), "
                            + "over_peer as (delete from sis.mailbox_message where id in (select id "
                            + "from sis.mailbox_message where destination_node_id = :node and (select yes from known) "
                            + "order by id desc offset :keep for update skip locked) returning 1) "
                            + "select (select count(*) from stored), (select count(*) from over_peer), "
                            + "(select pg_notify(:channel, :hex) from stored)")
                    .param("configured", configuredPeers.contains(destination))
                    .param("node", destination.bytes())
                    .param("retention", settings.knownPeerRetention().toMillis() / 1000.0)
                    .param("message", message.encodeBody())
                    .param("ttl", settings.ttl().toMillis() / 1000.0)
                    .param("keep", settings.maxPerPeer() - 1)
                    .param("channel", CHANNEL)
                    .param("hex", destination.hex())
                    .query((rs, row) -> new int[] {rs.getInt(1), rs.getInt(2)})
                    .single();
            if (outcome[0] == 0) {
                return null;
            }
            int overPeer = outcome[1];
            long total = runningTotal(1 - overPeer);
            int overTotal = total <= settings.maxTotal() ? 0
                    : jdbc.sql("delete from sis.mailbox_message where id in "
                                    + "(select id from sis.mailbox_message order by id limit :excess "
                                    + "for update skip locked)")
                            .param("excess", total - settings.maxTotal())
                            .update();
            size.addAndGet(-overTotal);
            return overPeer + overTotal;
        });
        if (dropped == null) {
            metrics.dropped(GatewayMetrics.Drop.UNKNOWN_DESTINATION);
            log.debug("Not storing a message for {}: it has not connected here within {}", destination,
                    settings.knownPeerRetention());
            return false;
        }
        if (dropped > 0) {
            metrics.dropped(GatewayMetrics.Drop.MAILBOX_FULL, dropped);
            log.info("Mailbox full: dropped the {} oldest message(s) to store one for {}", dropped, destination);
        }
        return true;
    }

    /** Starts listening for notifications and polling for connected peers' messages; again after {@link #close()} too. */
    public synchronized void start() {
        if (running) {
            return;
        }
        scheduled.clear();
        deliveries = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mailbox-delivery");
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        listener = new Thread(this::listen, "mailbox-listener");
        listener.setDaemon(true);
        listener.start();
    }

    /** Notes that the peer is known (on the delivery thread, before its delivery), then delivers its messages. */
    @Override
    public void peerConnected(Peer peer) {
        NodeId node = peer.nodeId();
        if (!running) {
            return;
        }
        try {
            deliveries.execute(() -> remember(node));
        } catch (RejectedExecutionException stopped) {
            return;
        }
        schedule(node);
    }

    /** Records that {@code node} connected now; a row refreshed within the last hour is left alone. */
    private void remember(NodeId node) {
        try {
            jdbc.sql("insert into sis.known_peer (node_id, last_connected_at) values (:node, now()) "
                            + "on conflict (node_id) do update set last_connected_at = excluded.last_connected_at "
                            + "where known_peer.last_connected_at < now() - interval '1 hour'")
                    .param("node", node.bytes())
                    .update();
        } catch (RuntimeException e) {
            log.warn("Could not record that {} connected: {}", node, e.toString());
        }
    }

    /** Queues a delivery run for {@code node} unless one is already queued. */
    private void schedule(NodeId node) {
        if (!running || !scheduled.add(node)) {
            return;
        }
        try {
            deliveries.execute(() -> {
                scheduled.remove(node);
                try {
                    deliver(node);
                } catch (RuntimeException e) {
                    log.warn("Mailbox delivery to {} failed: {}", node, e.toString());
                }
            });
        } catch (RejectedExecutionException stopped) {
            scheduled.remove(node);
        }
    }

    private void deliver(NodeId node) {
        boolean more = true;
        while (more && running) {
            Peer peer = registry.get(node).orElse(null);
            if (peer == null) {
                return;
            }
            more = Boolean.TRUE.equals(counting(() -> transactions.execute(status -> deliverBatch(peer))));
        }
    }

    /** Sends one batch and deletes what was written; true when a full batch went out and more may wait. */
    private boolean deliverBatch(Peer peer) {
        List<Stored> rows = jdbc.sql("select id, message from sis.mailbox_message where destination_node_id = :node "
                        + "and expires_at > now() order by id limit :batch for update skip locked")
                .param("node", peer.nodeId().bytes())
                .param("batch", settings.deliveryBatch())
                .query((rs, rowNum) -> new Stored(rs.getLong(1), rs.getBytes(2)))
                .list();
        if (rows.isEmpty()) {
            return false;
        }
        List<Long> done = new ArrayList<>();
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (Stored row : rows) {
            try {
                sends.add(peer.send(OnionMessage.decodeBody(row.body())));
            } catch (DecodeException e) {
                log.warn("Discarding undecodable mailbox message {}: {}", row.id(), e.getMessage());
                sends.add(CompletableFuture.completedFuture(null));
            }
        }
        boolean allWritten = true;
        long deadline = System.nanoTime() + writeTimeout.toNanos();
        for (int i = 0; i < rows.size(); i++) {
            try {
                sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                done.add(rows.get(i).id());
            } catch (ExecutionException | TimeoutException notWritten) {
                allWritten = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                allWritten = false;
                break;
            }
        }
        if (!done.isEmpty()) {
            jdbc.sql("delete from sis.mailbox_message where id in (:ids)").param("ids", done).update();
            size.updateAndGet(known -> known == UNKNOWN ? known : known - done.size());
            log.debug("Delivered {} mailbox message(s) to {}", done.size(), peer.nodeId());
        }
        return allWritten && rows.size() == settings.deliveryBatch();
    }

    /** The listener thread: LISTEN, wake deliveries on notifications, poll every poll-interval. */
    private void listen() {
        int timeout = (int) Math.max(1, Math.min(MAX_WAIT_MILLIS, settings.pollInterval().toMillis()));
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                PGConnection notifications = connection.unwrap(PGConnection.class);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                try {
                    long nextPoll = System.nanoTime();
                    while (running) {
                        if (System.nanoTime() - nextPoll >= 0) {
                            pollConnectedPeers(connection);
                            nextPoll = System.nanoTime() + settings.pollInterval().toNanos();
                        }
                        PGNotification[] received = notifications.getNotifications(timeout);
                        if (received != null) {
                            for (PGNotification notification : received) {
                                wake(notification.getParameter());
                            }
                        }
                    }
                } finally {
                    // The connection goes back to the pool: it must not keep collecting notifications.
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("UNLISTEN *");
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("Mailbox listener lost its database connection, retrying: {}", e.toString());
                    sleep(RETRY_MILLIS);
                }
            }
        }
    }

    private void wake(String nodeHex) {
        try {
            NodeId node = NodeId.fromHex(nodeHex);
            if (registry.isConnected(node)) {
                schedule(node);
            }
        } catch (DecodeException e) {
            log.debug("Ignoring mailbox notification '{}': {}", nodeHex, e.getMessage());
        }
    }

    /** Schedules delivery for every connected peer that has mail, and refreshes the size gauge. */
    private void pollConnectedPeers(Connection connection) throws SQLException {
        long changesBefore = changesDone.get();
        boolean quiet = changesInFlight.get() == 0;
        try (Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("select count(*) from sis.mailbox_message")) {
            count.next();
            if (quiet && changesInFlight.get() == 0 && changesDone.get() == changesBefore) {
                size.set(count.getLong(1));
            }
        }
        List<Peer> peers = List.copyOf(registry.all());
        for (int from = 0; from < peers.size(); from += POLL_CHUNK) {
            List<Peer> chunk = peers.subList(from, Math.min(peers.size(), from + POLL_CHUNK));
            byte[][] ids = chunk.stream().map(peer -> peer.nodeId().bytes()).toArray(byte[][]::new);
            Array array = connection.createArrayOf("bytea", ids);
            try (PreparedStatement query = connection.prepareStatement("select distinct destination_node_id "
                    + "from sis.mailbox_message where destination_node_id = any(?) and expires_at > now()")) {
                query.setArray(1, array);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        schedule(NodeId.parse(rows.getBytes(1)));
                    }
                }
            } catch (DecodeException e) {
                log.warn("Invalid destination in the mailbox: {}", e.getMessage());
            } finally {
                array.free();
            }
        }
    }

    /** Messages waiting, as of the last poll or change here. */
    public long size() {
        return Math.max(0, size.get());
    }

    /**
     * Runs a transaction that changes the table and the running count, so that a poll counting
     * the table meanwhile does not overwrite the running count with a count taken before it commits.
     */
    private <T> T counting(Supplier<T> change) {
        changesInFlight.incrementAndGet();
        try {
            return change.get();
        } finally {
            changesDone.incrementAndGet();
            changesInFlight.decrementAndGet();
        }
    }

    /**
     * The table's row count after a store changed it by {@code change}: the running count moved by that much while it is well below {@code max-total};
     * counted exactly when it is unknown or within a tenth of the bound, where trimming depends on it.
     */
    private long runningTotal(long change) {
        long known = size.get() == UNKNOWN ? UNKNOWN : size.addAndGet(change);
        if (known != UNKNOWN && known < settings.maxTotal() - settings.maxTotal() / 10) {
            return known;
        }
        long exact = jdbc.sql("select count(*) from sis.mailbox_message").query(Long.class).single();
        size.set(exact);
        return exact;
    }

    @Override
    public synchronized void close() throws InterruptedException {
        if (!running) {
            return;
        }
        running = false;
        listener.join(MAX_WAIT_MILLIS + 2_000L);
        deliveries.shutdown();
        if (!deliveries.awaitTermination(writeTimeout.toMillis() + 2_000, TimeUnit.MILLISECONDS)) {
            deliveries.shutdownNow();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
