package io.staticinvoice.gateway;

import io.staticinvoice.config.LightningProperties;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.onion.OnionMessageBuilder;
import io.staticinvoice.lightning.onion.OnionMessageSendException;
import io.staticinvoice.lightning.wire.NodeId;
import io.staticinvoice.lightning.wire.OnionMessage;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The {@link Mailbox} in PostgreSQL ({@code sis.mailbox_message}), shared by every replica.
 *
 * <p>Relayed messages are stored as the onion we would have sent; this node's own messages
 * unbuilt ({@link UnbuiltOnionMessage}: a few hundred bytes instead of up to 32 KiB, the Sphinx
 * work done only if the node comes back), built with fresh keys at delivery.
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
 * <p>Delivery is driven by one thread, so a destination's messages leave in order: when a peer
 * connects here, when a notification names a peer connected here, and every
 * {@code poll-interval} for all peers connected here (in case a notification was missed), its
 * unexpired messages are leased oldest first in batches (one statement with
 * {@code FOR UPDATE SKIP LOCKED}, so two replicas never lease the same row) and queued on the
 * peer's paced send queue; the thread does not wait for the peer, so a slow peer holds up
 * neither other peers nor a database connection. Once a batch is settled its written rows are
 * deleted, rows whose send failed (the peer left) are released for its next connection, and the
 * next batch follows. Rows of a replica that died mid-batch are offered again when their lease
 * runs out. Expired rows are skipped here and purged by the maintenance job.
 */
public final class PostgresMailbox implements Mailbox, PeerListener, AutoCloseable {

    static final String CHANNEL = "sis_mailbox";

    private static final Logger log = LoggerFactory.getLogger(PostgresMailbox.class);
    private static final int POLL_CHUNK = 1000;
    /** The longest one wait for notifications blocks, so that {@link #close()} is prompt. */
    private static final int MAX_WAIT_MILLIS = 500;
    /** How long {@link #close()} lets the delivery thread finish its database work. */
    private static final int CLOSE_WAIT_MILLIS = 5_000;
    /** Pause before the listener reconnects after losing its database connection. */
    private static final int RETRY_MILLIS = 1_000;
    private static final long UNKNOWN = -1;

    /** A leased row: an {@code onion_message} body, or an {@link UnbuiltOnionMessage} to build now. */
    private record Stored(long id, byte[] body, boolean unbuilt) {
    }

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final LightningProperties.Mailbox settings;
    private final PeerRegistry registry;
    private final GatewayMetrics metrics;
    private final Duration lease;
    private final Set<NodeId> configuredPeers;
    private final OnionMessageBuilder builder;
    private volatile ExecutorService deliveries;
    private final Set<NodeId> scheduled = ConcurrentHashMap.newKeySet();
    /**
     * Destinations with a batch being written, each with whether more mail was announced for it
     * meanwhile. Touched on the delivery thread only.
     */
    private final Map<NodeId, Boolean> writing = new HashMap<>();
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
     * @param writeTimeout how long a peer may take to accept a batch before it is disconnected
     *                     (ping interval plus pong timeout); delivered rows are leased for twice
     *                     that, so that a replica that dies mid-batch leaves them to the others
     * @param configuredPeers the {@code sis.lightning.peers}: known from the start
     * @param builder      builds this node's own messages, stored unbuilt, when they are delivered
     */
    public PostgresMailbox(DataSource dataSource, LightningProperties.Mailbox settings, PeerRegistry registry,
                           GatewayMetrics metrics, Duration writeTimeout, Set<NodeId> configuredPeers,
                           OnionMessageBuilder builder) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.settings = settings;
        this.registry = registry;
        this.metrics = metrics;
        this.lease = writeTimeout.multipliedBy(2);
        this.configuredPeers = Set.copyOf(configuredPeers);
        this.builder = builder;
        metrics.gaugeMailbox(this::size);
    }

    @Override
    public boolean store(NodeId destination, OnionMessage message) {
        return insert(destination, message.encodeBody(), false);
    }

    @Override
    public boolean store(UnbuiltOnionMessage message) {
        return insert(message.firstHop(), message.encode(), true);
    }

    private boolean insert(NodeId destination, byte[] body, boolean unbuilt) {
        Integer dropped = counting(() -> {
            // One statement (one round trip, its own transaction): the check that the destination
            // is known, the insert, the per-peer trim and the notification. The delete sees the
            // rows from before the insert, so it keeps the newest max-per-peer - 1 of them. Trims
            // skip rows a delivery is leasing at that instant, so a store never waits for one.
            int[] outcome = jdbc.sql("with known as (select :configured or exists (select 1 from sis.known_peer "
                            + "where node_id = :node and last_connected_at > now() - make_interval(secs => :retention)) "
                            + "as yes), "
                            + "stored as (insert into sis.mailbox_message (destination_node_id, message, unbuilt, expires_at) "
                            + "select :node, :message, :unbuilt, now() + make_interval(secs => :ttl) from known where yes "
                            + "returning 1), "
                            + "over_peer as (delete from sis.mailbox_message where id in (select id "
                            + "from sis.mailbox_message where destination_node_id = :node and (select yes from known) "
                            + "order by id desc offset :keep for update skip locked) returning 1) "
                            + "select (select count(*) from stored), (select count(*) from over_peer), "
                            + "(select pg_notify(:channel, :hex) from stored)")
                    .param("configured", configuredPeers.contains(destination))
                    .param("node", destination.bytes())
                    .param("retention", settings.knownPeerRetention().toMillis() / 1000.0)
                    .param("message", body)
                    .param("unbuilt", unbuilt)
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
        writing.clear();
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

    /**
     * Leases {@code node}'s next batch and hands it to the peer's send queue, unless a batch of
     * its is still being written (then it looks again once that one is done). Runs on the
     * delivery thread, and never waits for the peer.
     */
    private void deliver(NodeId node) {
        if (writing.containsKey(node)) {
            writing.put(node, Boolean.TRUE);
            return;
        }
        Peer peer = registry.get(node).orElse(null);
        if (peer == null || !running) {
            return;
        }
        List<Stored> batch = lease(node);
        if (batch.isEmpty()) {
            return;
        }
        writing.put(node, Boolean.FALSE);
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (Stored row : batch) {
            try {
                sends.add(peer.send(row.unbuilt() ? UnbuiltOnionMessage.decode(row.body()).build(builder)
                        : OnionMessage.decodeBody(row.body())));
            } catch (DecodeException | OnionMessageSendException e) {
                log.warn("Discarding mailbox message {}, which cannot be sent: {}", row.id(), e.getMessage());
                sends.add(CompletableFuture.completedFuture(null));
            }
        }
        // Every send completes: written, or failed when the connection closes (a peer that stops
        // reading misses its pongs and is disconnected). The timeout only guards against a send
        // that would not; its rows stay leased until the lease runs out.
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                .completeOnTimeout(null, lease.toMillis(), TimeUnit.MILLISECONDS)
                .whenCompleteAsync((done, failed) -> finish(node, batch, sends), this::onDeliveryThread);
    }

    /**
     * Leases the destination's oldest unexpired, unleased messages, in one statement: the rows
     * are locked only while it runs ({@code SKIP LOCKED}: replicas never lease the same row).
     */
    private List<Stored> lease(NodeId node) {
        return jdbc.sql("update sis.mailbox_message set leased_until = now() + make_interval(secs => :lease) "
                        + "where id in (select id from sis.mailbox_message where destination_node_id = :node "
                        + "and expires_at > now() and (leased_until is null or leased_until <= now()) "
                        + "order by id limit :batch for update skip locked) returning id, message, unbuilt")
                .param("lease", lease.toMillis() / 1000.0)
                .param("node", node.bytes())
                .param("batch", settings.deliveryBatch())
                .query((rs, rowNum) -> new Stored(rs.getLong(1), rs.getBytes(2), rs.getBoolean(3)))
                .list()
                .stream().sorted(Comparator.comparingLong(Stored::id)).toList();
    }

    /**
     * After a batch: deletes the rows written, releases those whose send failed (the next
     * connection gets them at once), and goes on with the next batch when this one was full and
     * fully written, or when more mail or a new connection of the node was announced meanwhile.
     */
    private void finish(NodeId node, List<Stored> batch, List<CompletableFuture<Void>> sends) {
        List<Long> written = new ArrayList<>();
        List<Long> failed = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            CompletableFuture<Void> send = sends.get(i);
            if (send.isDone()) {
                (send.isCompletedExceptionally() ? failed : written).add(batch.get(i).id());
            }
        }
        boolean announced = Boolean.TRUE.equals(writing.remove(node));
        try {
            counting(() -> {
                if (!written.isEmpty()) {
                    int deleted = jdbc.sql("delete from sis.mailbox_message where id in (:ids)").param("ids", written).update();
                    size.updateAndGet(known -> known == UNKNOWN ? known : known - deleted);
                    log.debug("Delivered {} mailbox message(s) to {}", written.size(), node);
                }
                if (!failed.isEmpty()) {
                    jdbc.sql("update sis.mailbox_message set leased_until = null where id in (:ids)")
                            .param("ids", failed).update();
                }
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("Could not settle a mailbox delivery to {} (its leases run out): {}", node, e.toString());
            return;
        }
        if (announced || written.size() == settings.deliveryBatch()) {
            schedule(node);
        }
    }

    /** Runs a batch's follow-up on the delivery thread; once stopping, its leases simply run out. */
    private void onDeliveryThread(Runnable task) {
        try {
            deliveries.execute(task);
        } catch (RejectedExecutionException stopping) {
            log.debug("Mailbox stopping: a delivery's rows stay leased until the lease runs out");
        }
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
                    + "from sis.mailbox_message where destination_node_id = any(?) and expires_at > now() "
                    + "and (leased_until is null or leased_until <= now())")) {
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
        if (!deliveries.awaitTermination(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
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
