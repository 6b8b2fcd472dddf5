package io.staticinvoice.relay;

import io.staticinvoice.gateway.GatewayMetrics;
import io.staticinvoice.gateway.Peer;
import io.staticinvoice.gateway.PeerListener;
import io.staticinvoice.gateway.PeerRegistry;
import io.staticinvoice.gateway.UnbuiltOnionMessage;

import io.staticinvoice.config.LightningProperties;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.onion.OnionMessageBuilder;
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
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link Mailbox} in PostgreSQL ({@code sis.mailbox_message}), shared by every replica.
 *
 * <p>Relayed messages are stored as the onion we would have sent; this node's own messages
 * unbuilt ({@link UnbuiltOnionMessage}: a few hundred bytes instead of up to 32 KiB, the Sphinx
 * work done only if the node comes back), built with fresh keys at delivery.
 *
 * <p>Only known destinations get mail ({@link KnownPeers}): configured peers, nodes connected
 * here, and nodes connected to any replica within {@code known-peer-retention}. Anything else
 * could be any node id a sender made up, so it is dropped and counted as
 * {@code unknown_destination}. Stores are queued and written in batches ({@link BatchedStores}),
 * so the caller gets a future and never waits for a commit. A batch is one transaction of two
 * statements: the first checks that, numbers each message with its destination's counter
 * ({@code sis.mailbox_sequence}), inserts them and sends {@code NOTIFY sis_mailbox '<node id>'}
 * once per destination; the second trims each destination's messages to {@code max-per-peer} by
 * dropping the oldest (a range of the destination's numbers); then, when the table holds more than
 * {@code max-total} ({@link MailboxCount}), the oldest messages are dropped (both drops counted as
 * {@code mailbox_full}).
 *
 * <p>invoice_requests this node forwards to an offline recipient do not come here (any payer can
 * make us forward one, and they are of use only while the payer waits): {@link ForwardedRequests}
 * holds them in memory.
 *
 * <p>Delivery ({@link MailboxDeliveries}) starts when a peer connects here, when a notification
 * names a peer connected here, and every {@code poll-interval} for all peers connected here with
 * mail (in case a notification was missed). Expired rows are skipped and purged by the
 * maintenance job.
 */
public final class PostgresMailbox implements Mailbox, PeerListener, AutoCloseable {

    static final String CHANNEL = "sis_mailbox";

    private static final Logger log = LoggerFactory.getLogger(PostgresMailbox.class);
    private static final int POLL_CHUNK = 1000;
    /** The longest one wait for notifications blocks, so that {@link #close()} is prompt. */
    private static final int MAX_WAIT_MILLIS = 500;
    /** Pause before the listener reconnects after losing its database connection. */
    private static final int RETRY_MILLIS = 1_000;
    /** The largest onion message body: a 32768-byte packet and its header. */
    private static final int LARGEST_MESSAGE_BYTES = 32_768 + 100;
    /** The smallest: a 1300-byte packet and its header. */
    private static final int SMALLEST_MESSAGE_BYTES = 1_300 + 66;

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final LightningProperties.Mailbox settings;
    private final PeerRegistry registry;
    private final GatewayMetrics metrics;
    private final Duration stuck;
    private final TransactionTemplate transactions;
    private final OnionMessageBuilder builder;
    private final KnownPeers knownPeers;
    private final MailboxCount count = new MailboxCount();
    private final BatchedStores stores;
    private volatile MailboxDeliveries deliveries;
    private volatile boolean running;
    private volatile Thread listener;

    /**
     * @param configuredPeers the {@code sis.lightning.peers}: known from the start
     * @param builder         builds this node's own messages, stored unbuilt, when they are delivered
     */
    public PostgresMailbox(DataSource dataSource, LightningProperties properties, PeerRegistry registry,
                           GatewayMetrics metrics, Set<NodeId> configuredPeers, OnionMessageBuilder builder) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.settings = properties.mailbox();
        this.registry = registry;
        this.metrics = metrics;
        this.stuck = drainTime(properties);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.builder = builder;
        this.knownPeers = new KnownPeers(dataSource, registry, configuredPeers);
        this.stores = new BatchedStores(settings.maxPendingStores(), settings.storeBatch(), settings.storeLinger(),
                this::insertAll);
        metrics.gaugeMailbox(count::value, stores::pending);
    }

    /**
     * The longest a peer that answers every ping in time can take to take in a full send queue
     * and a delivery batch: one pong round (at most {@code pong-timeout}) per
     * {@code max-bytes-in-flight} or {@code max-messages-in-flight}, whichever needs more rounds,
     * plus a ping interval. A delivery batch still out after that is given up.
     */
    static Duration drainTime(LightningProperties properties) {
        LightningProperties.Lightning lightning = properties.lightning();
        long queued = lightning.maxQueuedBytesPerPeer().toBytes();
        int batch = properties.mailbox().deliveryBatch();
        long byBytes = ceilDiv(queued + (long) batch * LARGEST_MESSAGE_BYTES, lightning.maxBytesInFlight().toBytes());
        long byCount = ceilDiv(ceilDiv(queued, SMALLEST_MESSAGE_BYTES) + batch, lightning.maxMessagesInFlight());
        return lightning.pongTimeout().multipliedBy(Math.max(byBytes, byCount)).plus(lightning.pingInterval());
    }

    private static long ceilDiv(long dividend, long divisor) {
        return (dividend + divisor - 1) / divisor;
    }

    @Override
    public CompletableFuture<Boolean> store(NodeId destination, OnionMessage message) {
        return stores.submit(destination, message.encodeBody(), false);
    }

    @Override
    public CompletableFuture<Boolean> store(UnbuiltOnionMessage message) {
        return stores.submit(message.firstHop(), message.encode(), true);
    }

    /**
     * The statement that writes a batch of stores (see {@link BatchedStores}), in the batch's
     * transaction: the check that each destination is known; per destination the next numbers of
     * its counter (the counter rows locked in destination order, the same in every replica, so two
     * replicas' batches never deadlock; they stay locked until the commit), and its messages
     * inserted in the order they came (the batch's own messages already max-per-peer or more below
     * the newest are not inserted at all); and one notification per destination.
     */
    private static final String STORE_BATCH = "with input as (select * from unnest(?::bytea[], ?::bytea[], "
            + "?::boolean[], ?::boolean[]) with ordinality as i(node, message, unbuilt, vouched, ord)), "
            + "known as (select * from input i where i.vouched or exists (select 1 from sis.known_peer k "
            + "where k.node_id = i.node and k.last_connected_at > now() - make_interval(secs => ?))), "
            + "counted as (select node, count(*) as n from known group by node), "
            + "numbered as (insert into sis.mailbox_sequence (destination_node_id, last_seq) "
            + "select node, n from counted order by node on conflict (destination_node_id) "
            + "do update set last_seq = sis.mailbox_sequence.last_seq + excluded.last_seq "
            + "returning destination_node_id as node, last_seq, "
            + "pg_notify('" + CHANNEL + "', encode(destination_node_id, 'hex'))), "
            + "positioned as (select k.node, k.message, k.unbuilt, nb.last_seq, "
            + "nb.last_seq - c.n + row_number() over (partition by k.node order by k.ord) as seq "
            + "from known k join counted c on c.node = k.node join numbered nb on nb.node = k.node), "
            + "stored as (insert into sis.mailbox_message (destination_node_id, seq, message, unbuilt, expires_at) "
            + "select node, seq, message, unbuilt, now() + make_interval(secs => ?) from positioned "
            + "where seq > last_seq - ? returning 1) "
            + "select (select coalesce(array_agg(ord), '{}') from known), (select count(*) from stored), "
            + "(select count(*) from positioned) - (select count(*) from stored)";

    /**
     * The trim that follows, a statement of its own so that it sees what other replicas committed
     * for these destinations while this batch waited for their counters: their messages numbered
     * max-per-peer or more below the newest (a range of the (destination, seq) index, usually one
     * row per store). The last batch to commit for a destination so sees all the others' rows, and
     * the bound holds exactly. Only the rows to drop are locked, skipping any a delivery is leasing
     * at that instant, so a store never waits for one nor hides the others from a lease.
     */
    private static final String TRIM_BATCH = "delete from sis.mailbox_message where id in (select m.id "
            + "from sis.mailbox_message m join sis.mailbox_sequence s on s.destination_node_id = m.destination_node_id "
            + "where s.destination_node_id = any(?::bytea[]) and m.seq <= s.last_seq - ? for update of m skip locked)";

    /**
     * What a batch's {@link #STORE_BATCH} did: which stores (1-based, in batch order) had a known
     * destination, how many messages it inserted, and how many of the batch's own it did not
     * (already beyond the bound).
     */
    private record Stored(Long[] keptOrdinals, int stored, int notInserted) {
    }

    /** What a whole batch did: its {@link Stored}, and how many older messages it dropped for their destinations' bound and for the total. */
    private record BatchOutcome(Stored stored, int overPeer, int overTotal) {

        int dropped() {
            return stored.notInserted() + overPeer + overTotal;
        }
    }

    /** Writes a batch of stores; says, per store, whether it was kept (false: unknown destination). */
    private List<Boolean> insertAll(List<BatchedStores.Store> batch) {
        BatchOutcome outcome = count.changing(() -> transactions.execute(status -> {
            byte[][] destinations = batch.stream().map(store -> store.destination().bytes()).toArray(byte[][]::new);
            Stored written = jdbc.sql(STORE_BATCH)
                    .param(destinations)
                    .param(batch.stream().map(BatchedStores.Store::body).toArray(byte[][]::new))
                    .param(batch.stream().map(BatchedStores.Store::unbuilt).toArray(Boolean[]::new))
                    .param(batch.stream().map(store -> knownPeers.vouchedFor(store.destination())).toArray(Boolean[]::new))
                    .param(settings.knownPeerRetention().toMillis() / 1000.0)
                    .param(settings.ttl().toMillis() / 1000.0)
                    .param(settings.maxPerPeer())
                    .query((rs, row) -> new Stored((Long[]) rs.getArray(1).getArray(), rs.getInt(2), rs.getInt(3)))
                    .single();
            int overPeer = jdbc.sql(TRIM_BATCH).param(destinations).param(settings.maxPerPeer()).update();
            long total = count.afterStore(written.stored() - overPeer, settings.maxTotal(), this::exactCount);
            int overTotal = total <= settings.maxTotal() ? 0
                    : jdbc.sql("delete from sis.mailbox_message where id in "
                                    + "(select id from sis.mailbox_message order by id limit :excess "
                                    + "for update skip locked)")
                            .param("excess", total - settings.maxTotal())
                            .update();
            count.removed(overTotal);
            return new BatchOutcome(written, overPeer, overTotal);
        }));
        List<Boolean> kept = new ArrayList<>(Collections.nCopies(batch.size(), false));
        for (long ord : outcome.stored().keptOrdinals()) {
            kept.set((int) ord - 1, true);
        }
        for (int i = 0; i < batch.size(); i++) {
            if (!kept.get(i)) {
                metrics.dropped(GatewayMetrics.Drop.UNKNOWN_DESTINATION);
                log.debug("Not storing a message for {}: neither configured nor connected within {}",
                        batch.get(i).destination(), settings.knownPeerRetention());
            }
        }
        if (outcome.dropped() > 0) {
            metrics.dropped(GatewayMetrics.Drop.MAILBOX_FULL, outcome.dropped());
            log.info("Mailbox full: dropped the {} oldest message(s) to store {} new one(s)", outcome.dropped(),
                    outcome.stored().stored());
        }
        return kept;
    }
    /** Starts listening for notifications and polling for connected peers' messages; again after {@link #close()} too. */
    public synchronized void start() {
        if (running) {
            return;
        }
        knownPeers.start();
        deliveries = new MailboxDeliveries(jdbc, transactions, settings, registry, builder, count, stuck);
        running = true;
        listener = new Thread(this::listen, "mailbox-listener");
        listener.setDaemon(true);
        listener.start();
    }

    /** Vouches for the peer and delivers its messages. */
    @Override
    public void peerConnected(Peer peer) {
        knownPeers.seen(peer.nodeId());
        if (running) {
            deliveries.schedule(peer.nodeId());
        }
    }

    /** The peer was connected until now: vouched for, and recorded so. */
    @Override
    public void peerDisconnected(Peer peer) {
        knownPeers.seen(peer.nodeId());
    }

    /**
     * The listener thread: LISTEN, wake deliveries on notifications, poll every poll-interval.
     * Any failure (the connection lost, the pool exhausted) is retried after a pause; a listener
     * that a restart replaced ends.
     */
    private void listen() {
        int timeout = (int) Math.max(1, Math.min(MAX_WAIT_MILLIS, settings.pollInterval().toMillis()));
        while (isCurrentListener()) {
            try (Connection connection = dataSource.getConnection()) {
                PGConnection notifications = connection.unwrap(PGConnection.class);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                try {
                    long nextPoll = System.nanoTime();
                    while (isCurrentListener()) {
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
            } catch (SQLException | RuntimeException e) {
                if (isCurrentListener()) {
                    log.warn("Mailbox listener failed, retrying: {}", e.toString());
                    sleep(RETRY_MILLIS);
                }
            }
        }
    }

    private boolean isCurrentListener() {
        return running && listener == Thread.currentThread();
    }

    private void wake(String nodeHex) {
        try {
            NodeId node = NodeId.fromHex(nodeHex);
            if (registry.isConnected(node)) {
                deliveries.schedule(node);
            }
        } catch (DecodeException e) {
            log.debug("Ignoring mailbox notification '{}': {}", nodeHex, e.getMessage());
        }
    }

    /** Schedules delivery for every connected peer that has mail, and refreshes the size gauge. */
    private void pollConnectedPeers(Connection connection) throws SQLException {
        count.counted(this::exactCount);
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
                        deliveries.schedule(NodeId.parse(rows.getBytes(1)));
                    }
                }
            } catch (DecodeException e) {
                log.warn("Invalid destination in the mailbox: {}", e.getMessage());
            } finally {
                array.free();
            }
        }
    }

    /** What one {@link #maintain} round removed. */
    public record Maintenance(int expiredMessages, int forgottenPeers) {
    }

    /**
     * Deletes the messages past their expiry (counted as {@code mailbox_expired}) and forgets the
     * nodes that have not connected to any replica within {@code known-peer-retention}.
     */
    public Maintenance maintain(Instant now) {
        int expired = jdbc.sql("delete from sis.mailbox_message where expires_at <= :now")
                .param("now", Timestamp.from(now)).update();
        count.removed(expired);
        metrics.dropped(GatewayMetrics.Drop.MAILBOX_EXPIRED, expired);
        int forgotten = jdbc.sql("delete from sis.known_peer where last_connected_at < :cutoff")
                .param("cutoff", Timestamp.from(now.minus(settings.knownPeerRetention()))).update();
        // A counter restarts at 1 when its destination has no messages left. A store committing
        // while this runs may lose its counter too: its destination then holds that batch's few
        // messages beyond max-per-peer until they are delivered or dropped as the oldest.
        jdbc.sql("delete from sis.mailbox_sequence s where not exists "
                + "(select 1 from sis.mailbox_message m where m.destination_node_id = s.destination_node_id)").update();
        return new Maintenance(expired, forgotten);
    }

    /** Messages waiting, as of the last poll or change here. */
    public long size() {
        return count.value();
    }

    private long exactCount() {
        return jdbc.sql("select count(*) from sis.mailbox_message").query(Long.class).single();
    }

    @Override
    public synchronized void close() throws InterruptedException {
        if (!running) {
            return;
        }
        running = false;
        stores.close();
        listener.join(MAX_WAIT_MILLIS + 2_000L);
        deliveries.close();
        knownPeers.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
