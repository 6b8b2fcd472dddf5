package io.staticinvoice.relay;

import io.staticinvoice.gateway.Peer;
import io.staticinvoice.gateway.PeerListener;
import io.staticinvoice.gateway.UnbuiltOnionMessage;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.wire.NodeId;
import io.staticinvoice.replica.NotificationListener;
import io.staticinvoice.replica.ReplicaHeartbeat;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link OtherReplicas} on PostgreSQL: which replica each peer is connected to
 * ({@code sis.peer_presence}, announced on channel {@code sis_presence}), and messages handed
 * from replica to replica as the payload of a notification on the receiving replica's own
 * channel ({@code sis_relay_<replica id>}): no row is written for them.
 *
 * <p>Every replica writes its peers' arrivals and departures (off the event loops, in order) and
 * announces them in the same statement; every replica keeps the others' peers in memory, read
 * whole whenever it starts listening and then kept by the announcements, and forgets them while
 * it is not listening (messages then wait on this replica instead of being relayed). A peer of a
 * replica that is no longer {@linkplain ReplicaHeartbeat#isLive live} counts as connected nowhere;
 * a stopping replica deletes and announces the departure of all its peers.
 */
public final class PostgresReplicaRelay implements OtherReplicas, PeerListener, NotificationListener.Subscriber,
        AutoCloseable {

    static final String PRESENCE_CHANNEL = "sis_presence";
    static final String RELAY_CHANNEL_PREFIX = "sis_relay_";
    /** PostgreSQL refuses notification payloads of 8000 bytes and more. */
    static final int MAX_PAYLOAD = 7_999;

    private static final Logger log = LoggerFactory.getLogger(PostgresReplicaRelay.class);

    private final JdbcClient jdbc;
    private final ReplicaHeartbeat replica;
    private final Map<NodeId, String> elsewhere = new ConcurrentHashMap<>();
    private final NotificationListener listener;
    private volatile Consumer<UnbuiltOnionMessage> relayed = message -> { };
    private volatile Consumer<NodeId> arrivedElsewhere = node -> { };
    private ExecutorService writer;

    public PostgresReplicaRelay(DataSource dataSource, ReplicaHeartbeat replica) {
        this.jdbc = JdbcClient.create(dataSource);
        this.replica = replica;
        this.listener = new NotificationListener(dataSource, "replica-relay",
                List.of(PRESENCE_CHANNEL, RELAY_CHANNEL_PREFIX + replica.id()), this);
    }

    /**
     * Starts announcing this replica's peers and listening for the others'.
     *
     * @param relayed          takes the messages other replicas hand to this one
     * @param arrivedElsewhere told when a peer connected to another replica
     */
    public synchronized void start(Consumer<UnbuiltOnionMessage> relayed, Consumer<NodeId> arrivedElsewhere) {
        if (writer != null) {
            return;
        }
        this.relayed = relayed;
        this.arrivedElsewhere = arrivedElsewhere;
        writer = Executors.newSingleThreadExecutor(new DefaultThreadFactory("peer-presence", true));
        listener.start();
    }

    @Override
    public Optional<String> holding(NodeId node) {
        return Optional.ofNullable(elsewhere.get(node)).filter(replica::isLive);
    }

    @Override
    public boolean relay(String target, UnbuiltOnionMessage message) {
        String payload = Base64.getEncoder().encodeToString(message.encode());
        if (payload.length() > MAX_PAYLOAD) {
            return false;
        }
        try {
            jdbc.sql("select pg_notify(:channel, :payload)")
                    .param("channel", RELAY_CHANNEL_PREFIX + target).param("payload", payload).query().singleRow();
            return true;
        } catch (DataAccessException e) {
            log.debug("Could not relay a message to replica {}: {}", target, e.toString());
            return false;
        }
    }

    @Override
    public void peerConnected(Peer peer) {
        write(peer.nodeId(), true);
    }

    @Override
    public void peerDisconnected(Peer peer) {
        write(peer.nodeId(), false);
    }

    private synchronized void write(NodeId node, boolean connected) {
        if (writer == null) {
            return;
        }
        writer.execute(() -> {
            try {
                if (connected) {
                    jdbc.sql("with upserted as (insert into sis.peer_presence (node_id, replica_id) "
                                    + "values (:node, :replica) on conflict (node_id) do update "
                                    + "set replica_id = excluded.replica_id, connected_at = now() returning 1) "
                                    + "select pg_notify(:channel, :announcement) from upserted")
                            .param("node", node.bytes()).param("replica", replica.id())
                            .param("channel", PRESENCE_CHANNEL).param("announcement", "+" + node.hex() + " " + replica.id())
                            .query().listOfRows();
                } else {
                    departed(node);
                }
            } catch (DataAccessException e) {
                log.warn("Could not record that peer {} {} this replica: {}", node,
                        connected ? "connected to" : "left", e.toString());
            }
        });
    }

    /** Deletes this replica's presence row of {@code node} (of all its peers when null) and announces each departure. */
    private void departed(NodeId node) {
        jdbc.sql("with gone as (delete from sis.peer_presence where replica_id = :replica "
                        + "and (cast(:node as bytea) is null or node_id = :node) returning node_id) "
                        + "select pg_notify(:channel, '-' || encode(node_id, 'hex') || ' ' || :replica) from gone")
                .param("node", node == null ? null : node.bytes()).param("replica", replica.id())
                .param("channel", PRESENCE_CHANNEL).query().listOfRows();
    }

    @Override
    public void listening(boolean listening) {
        elsewhere.clear();
        if (listening) {
            jdbc.sql("select node_id, replica_id from sis.peer_presence where replica_id <> :replica")
                    .param("replica", replica.id())
                    .query((rs, row) -> Map.entry(rs.getBytes(1), rs.getString(2)))
                    .list()
                    .forEach(row -> {
                        try {
                            elsewhere.put(NodeId.parse(row.getKey()), row.getValue());
                        } catch (DecodeException e) {
                            log.warn("Invalid node id in sis.peer_presence: {}", e.getMessage());
                        }
                    });
        }
    }

    @Override
    public void notified(String channel, String payload) {
        try {
            if (channel.equals(PRESENCE_CHANNEL)) {
                announced(payload);
            } else {
                relayed.accept(UnbuiltOnionMessage.decode(Base64.getDecoder().decode(payload)));
            }
        } catch (DecodeException | IllegalArgumentException e) {
            log.warn("Ignoring {} notification: {}", channel, e.getMessage());
        }
    }

    /** {@code +<node> <replica>} for an arrival, {@code -<node> <replica>} for a departure. */
    private void announced(String announcement) throws DecodeException {
        String[] parts = announcement.substring(1).split(" ", 2);
        if (parts.length != 2 || announcement.isEmpty()) {
            throw new DecodeException("malformed presence announcement '" + announcement + "'");
        }
        NodeId node = NodeId.fromHex(parts[0]);
        String holder = parts[1];
        if (holder.equals(replica.id())) {
            return;
        }
        switch (announcement.charAt(0)) {
            case '+' -> {
                elsewhere.put(node, holder);
                arrivedElsewhere.accept(node);
            }
            case '-' -> elsewhere.remove(node, holder);
            default -> throw new DecodeException("malformed presence announcement '" + announcement + "'");
        }
    }

    /** Stops listening, then deletes and announces the departure of every peer recorded for this replica. */
    @Override
    public synchronized void close() {
        if (writer == null) {
            return;
        }
        listener.close();
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer = null;
        try {
            departed(null);
        } catch (DataAccessException e) {
            log.warn("Could not withdraw this replica's peers; other replicas stop relaying to it once its "
                    + "heartbeat expires: {}", e.toString());
        }
        elsewhere.clear();
    }
}
