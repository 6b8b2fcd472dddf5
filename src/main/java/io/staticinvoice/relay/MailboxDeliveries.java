package io.staticinvoice.relay;

import io.staticinvoice.gateway.Peer;
import io.staticinvoice.gateway.PeerRegistry;
import io.staticinvoice.gateway.UnbuiltOnionMessage;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.staticinvoice.config.LightningProperties;
import io.staticinvoice.lightning.onion.OnionMessageBuilder;
import io.staticinvoice.lightning.wire.NodeId;
import io.staticinvoice.lightning.wire.OnionMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One run (from the mailbox's start to its close) of delivering mail to the peers connected
 * here. It runs on one thread, so a destination's messages leave in order: a destination's
 * oldest unexpired messages are leased in a batch, this node's own messages are built, and the
 * batch is queued on the peer's paced send queue as a whole. Leasing takes a per-destination
 * advisory lock first and never passes a row another delivery holds, so two replicas neither
 * send the same row nor overtake each other. The thread does not wait for the peer: a slow peer
 * holds up neither other peers nor a database connection. While a batch is out its lease is
 * renewed; once settled, the rows the peer acknowledged (a {@code pong} answering a
 * {@code ping} sent after them) are deleted, rows whose send failed (the peer left, perhaps
 * after they were written into a dead connection) are released for the node's next
 * connection, and the next batch follows: each message is sent at least once while its row
 * lasts (a peer may get one twice). A replica that dies
 * leaves its leases to run out within {@link #LEASE}. At most {@code max-batches-in-flight}
 * batches are being written at once (their onions are in memory until written); other
 * destinations wait their turn, first come first served.
 */
final class MailboxDeliveries {

    /** How long a lease lasts unless renewed; renewed every third of it while the batch is out. */
    static final Duration LEASE = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(MailboxDeliveries.class);
    private static final int CLOSE_WAIT_MILLIS = 5_000;
    /** First key of the mailbox's advisory locks ("SISM"), the second is taken from the node id. */
    private static final int LOCK_SPACE = 0x5349534D;

    /**
     * A leased row, with its number in its destination's order: an {@code onion_message} body, or
     * an {@link UnbuiltOnionMessage} to build now.
     */
    private record Leased(long id, long seq, byte[] body, boolean unbuilt) {
    }

    /**
     * A batch out to a peer: its rows, whether it is all written yet (until then it holds a batch
     * slot), and whether more was announced for the node meanwhile.
     */
    private static final class Batch {
        final List<Long> rows;
        boolean written;
        boolean announced;

        Batch(List<Long> rows) {
            this.rows = rows;
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final LightningProperties.Mailbox settings;
    private final PeerRegistry registry;
    private final OnionMessageBuilder builder;
    private final MailboxCount count;
    private final Duration stuck;
    private final ScheduledExecutorService thread =
            Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("mailbox-delivery", true));
    private final Set<NodeId> scheduled = ConcurrentHashMap.newKeySet();
    /** Destinations with a batch out. Delivery thread only. */
    private final Map<NodeId, Batch> writing = new HashMap<>();
    /** Destinations waiting for a free batch slot, in order. Delivery thread only. */
    private final Set<NodeId> waiting = new LinkedHashSet<>();

    /**
     * @param stuck how long a batch may stay out: the longest a live peer can take to take in
     *              its send queue. A batch still unsettled then is given up (its sends would
     *              never complete); its rows are offered again when their lease runs out.
     */
    MailboxDeliveries(JdbcClient jdbc, TransactionTemplate transactions, LightningProperties.Mailbox settings,
                      PeerRegistry registry, OnionMessageBuilder builder, MailboxCount count, Duration stuck) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.settings = settings;
        this.registry = registry;
        this.builder = builder;
        this.count = count;
        this.stuck = stuck;
        long renewal = LEASE.toMillis() / 3;
        thread.scheduleWithFixedDelay(this::renewLeases, renewal, renewal, TimeUnit.MILLISECONDS);
    }

    /** Queues a delivery run for {@code node} unless one is already queued; any thread. */
    void schedule(NodeId node) {
        if (!scheduled.add(node)) {
            return;
        }
        try {
            thread.execute(() -> {
                scheduled.remove(node);
                try {
                    deliver(node);
                } catch (RuntimeException e) {
                    log.warn("Mailbox delivery to {} failed: {}", node, e.toString());
                    handOutFreeSlots();
                }
            });
        } catch (RejectedExecutionException closed) {
            scheduled.remove(node);
        }
    }

    /**
     * Sends {@code node}'s next batch, unless it has one out (then it looks again afterwards) or
     * no slot is free (then it waits its turn). A turn it does not use passes on.
     */
    private void deliver(NodeId node) {
        Batch out = writing.get(node);
        if (out != null) {
            out.announced = true;
            return;
        }
        if (freeSlots() <= 0) {
            waiting.add(node);
            return;
        }
        Peer peer = registry.get(node).orElse(null);
        List<Leased> leased = peer == null ? List.of() : lease(node);
        if (leased.isEmpty()) {
            handOutFreeSlots();
            return;
        }
        List<Long> rows = new ArrayList<>();
        List<Long> discarded = new ArrayList<>();
        List<OnionMessage> messages = new ArrayList<>();
        for (Leased row : leased) {
            try {
                messages.add(row.unbuilt() ? UnbuiltOnionMessage.decode(row.body()).build(builder)
                        : OnionMessage.decodeBody(row.body()));
                rows.add(row.id());
            } catch (Exception unusable) {
                log.warn("Discarding mailbox message {}, which cannot be sent: {}", row.id(), unusable.toString());
                discarded.add(row.id());
            }
        }
        Batch batch = new Batch(rows);
        writing.put(node, batch);
        Peer.BatchSends sends = messages.isEmpty() ? new Peer.BatchSends(List.of(), List.of()) : peer.sendAll(messages);
        // Written (or failed) frees the slot; a connection that died silently then holds only
        // its rows, not a slot, until the pong timeout closes it.
        CompletableFuture.allOf(sends.written().toArray(CompletableFuture[]::new))
                .whenCompleteAsync((done, failed) -> {
                    batch.written = true;
                    handOutFreeSlots();
                }, this::onThread);
        // Every send completes: acknowledged by a pong, or failed when the connection closes (a
        // peer that stops reading misses its pongs and is disconnected). The timeout only guards
        // against one that would not.
        CompletableFuture.allOf(sends.acknowledged().toArray(CompletableFuture[]::new))
                .completeOnTimeout(null, stuck.toMillis(), TimeUnit.MILLISECONDS)
                .whenCompleteAsync((done, failed) -> finish(node, batch, discarded, sends.acknowledged()),
                        this::onThread);
    }

    /**
     * The destination's oldest unexpired messages that no delivery holds, up to a batch, and
     * none newer than a row another delivery still holds. The advisory lock, taken in a statement
     * of its own, makes a concurrent lease for the same destination wait and then see this one
     * (at most 5 s: then this attempt fails and the next poll tries again).
     */
    private List<Leased> lease(NodeId node) {
        List<Leased> leased = transactions.execute(status -> {
            // A session holding the lock that its replica lost must not hold up this thread.
            jdbc.sql("set local lock_timeout = '5s'").update();
            jdbc.sql("select pg_advisory_xact_lock(:space, :key)")
                    .param("space", LOCK_SPACE)
                    .param("key", ByteBuffer.wrap(node.bytes(), 1, Integer.BYTES).getInt())
                    .query().listOfRows();
            return jdbc.sql("update sis.mailbox_message set leased_until = now() + make_interval(secs => :lease) "
                            + "where id in (select id from sis.mailbox_message m where destination_node_id = :node "
                            + "and expires_at > now() and (leased_until is null or leased_until <= now()) "
                            + "and not exists (select 1 from sis.mailbox_message held "
                            + "where held.destination_node_id = :node and held.leased_until > now() and held.seq < m.seq) "
                            + "order by seq limit :batch for update skip locked) returning id, seq, message, unbuilt")
                    .param("lease", LEASE.toSeconds())
                    .param("node", node.bytes())
                    .param("batch", settings.deliveryBatch())
                    .query((rs, rowNum) -> new Leased(rs.getLong(1), rs.getLong(2), rs.getBytes(3), rs.getBoolean(4)))
                    .list();
        });
        return leased.stream().sorted(Comparator.comparingLong(Leased::seq)).toList();
    }

    /** Extends the leases of the batches out, so that no other delivery takes their rows. */
    private void renewLeases() {
        List<Long> rows = writing.values().stream().flatMap(batch -> batch.rows.stream()).toList();
        if (rows.isEmpty()) {
            return;
        }
        try {
            jdbc.sql("update sis.mailbox_message set leased_until = now() + make_interval(secs => :lease) where id in (:ids)")
                    .param("lease", LEASE.toSeconds())
                    .param("ids", rows)
                    .update();
        } catch (RuntimeException e) {
            log.warn("Could not renew the leases of {} mailbox message(s) being delivered: {}", rows.size(), e.toString());
        }
    }

    /**
     * After a batch: deletes the rows acknowledged (and those discarded), releases those whose
     * send failed, hands free slots to waiting destinations, and queues the node again (behind them)
     * when this batch went out whole and full, or when more mail or a new connection of the node
     * was announced meanwhile.
     */
    private void finish(NodeId node, Batch batch, List<Long> discarded, List<CompletableFuture<Void>> sends) {
        List<Long> rows = batch.rows;
        List<Long> done = new ArrayList<>(discarded);
        List<Long> failed = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            CompletableFuture<Void> send = sends.get(i);
            if (send.isDone()) {
                (send.isCompletedExceptionally() ? failed : done).add(rows.get(i));
            }
        }
        writing.remove(node);
        try {
            count.changing(() -> {
                if (!done.isEmpty()) {
                    count.removed(jdbc.sql("delete from sis.mailbox_message where id in (:ids)").param("ids", done).update());
                    log.debug("Delivered {} mailbox message(s) to {}", done.size() - discarded.size(), node);
                }
                if (!failed.isEmpty()) {
                    jdbc.sql("update sis.mailbox_message set leased_until = null where id in (:ids)")
                            .param("ids", failed).update();
                }
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("Could not settle a mailbox delivery to {} (its leases run out within {}): {}", node, LEASE,
                    e.toString());
        }
        if (batch.announced || done.size() == settings.deliveryBatch()) {
            waiting.add(node);
        }
        handOutFreeSlots();
    }

    /** Batch slots free: the cap less the batches not yet all written. */
    private long freeSlots() {
        return settings.maxBatchesInFlight() - writing.values().stream().filter(batch -> !batch.written).count();
    }

    /** Gives the free batch slots to the waiting destinations, first come first served. */
    private void handOutFreeSlots() {
        Iterator<NodeId> next = waiting.iterator();
        for (long free = freeSlots(); free > 0 && next.hasNext(); free--) {
            NodeId turn = next.next();
            next.remove();
            schedule(turn);
        }
    }

    /** Runs a batch's follow-up on the delivery thread; once closed, its leases simply run out. */
    private void onThread(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException closed) {
            log.debug("Mailbox delivery closed: a batch's rows stay leased until the lease runs out");
        }
    }

    /** Stops; work already queued gets a few seconds to finish. */
    void close() throws InterruptedException {
        thread.shutdown();
        if (!thread.awaitTermination(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
            thread.shutdownNow();
        }
    }
}
