package io.staticinvoice.gateway;

import io.staticinvoice.config.LightningProperties;
import io.staticinvoice.lightning.onion.OnionMessageBuilder;
import io.staticinvoice.lightning.wire.NodeId;
import io.staticinvoice.lightning.wire.OnionMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One run (from the mailbox's start to its close) of delivering mail to the peers connected
 * here. It runs on one thread, so a destination's messages leave in order: a destination's
 * oldest unexpired messages are leased in a batch (one statement, {@code FOR UPDATE SKIP LOCKED},
 * and never past a row another delivery still holds, so two replicas never send the same row
 * nor overtake each other), this node's own messages are built, and the batch is queued on the
 * peer's paced send queue as a whole. The thread does not wait for the peer: a slow peer holds up
 * neither other peers nor a database connection. Once the batch is settled its written rows are
 * deleted, rows whose send failed (the peer left) are released for its next connection, and the
 * next batch follows. At most {@code max-batches-in-flight} destinations have a batch out at
 * once (their rows are in memory); the others wait for a settled batch to free a slot (or, if
 * the one given the slot has nothing to send, for the next poll).
 */
final class MailboxDeliveries {

    private static final Logger log = LoggerFactory.getLogger(MailboxDeliveries.class);
    private static final int CLOSE_WAIT_MILLIS = 5_000;

    /** A leased row: an {@code onion_message} body, or an {@link UnbuiltOnionMessage} to build now. */
    private record Leased(long id, byte[] body, boolean unbuilt) {
    }

    private final JdbcClient jdbc;
    private final LightningProperties.Mailbox settings;
    private final PeerRegistry registry;
    private final OnionMessageBuilder builder;
    private final MailboxCount count;
    private final Duration lease;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread delivery = new Thread(runnable, "mailbox-delivery");
        delivery.setDaemon(true);
        return delivery;
    });
    private final Set<NodeId> scheduled = ConcurrentHashMap.newKeySet();
    /** Destinations with a batch out, each with whether more was announced meanwhile. Delivery thread only. */
    private final Map<NodeId, Boolean> writing = new HashMap<>();
    /** Destinations waiting for a free batch slot, in order. Delivery thread only. */
    private final Set<NodeId> waiting = new LinkedHashSet<>();

    /**
     * @param lease how long a batch's rows are held: the longest a live peer can take to take in
     *              its send queue; a replica that dies mid-batch leaves them to others after that
     */
    MailboxDeliveries(JdbcClient jdbc, LightningProperties.Mailbox settings, PeerRegistry registry,
                      OnionMessageBuilder builder, MailboxCount count, Duration lease) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.registry = registry;
        this.builder = builder;
        this.count = count;
        this.lease = lease;
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
                }
            });
        } catch (RejectedExecutionException closed) {
            scheduled.remove(node);
        }
    }

    /** Sends {@code node}'s next batch, unless it has one out (then it looks again afterwards) or no slot is free. */
    private void deliver(NodeId node) {
        if (writing.containsKey(node)) {
            writing.put(node, Boolean.TRUE);
            return;
        }
        if (writing.size() >= settings.maxBatchesInFlight()) {
            waiting.add(node);
            return;
        }
        Peer peer = registry.get(node).orElse(null);
        if (peer == null) {
            return;
        }
        List<Leased> batch = lease(node);
        if (batch.isEmpty()) {
            return;
        }
        List<Long> sent = new ArrayList<>();
        List<Long> discarded = new ArrayList<>();
        List<OnionMessage> messages = new ArrayList<>();
        for (Leased row : batch) {
            try {
                messages.add(row.unbuilt() ? UnbuiltOnionMessage.decode(row.body()).build(builder)
                        : OnionMessage.decodeBody(row.body()));
                sent.add(row.id());
            } catch (Exception unusable) {
                log.warn("Discarding mailbox message {}, which cannot be sent: {}", row.id(), unusable.toString());
                discarded.add(row.id());
            }
        }
        writing.put(node, Boolean.FALSE);
        List<CompletableFuture<Void>> sends = messages.isEmpty() ? List.of() : peer.sendAll(messages);
        // Every send completes: written, or failed when the connection closes (a peer that stops
        // reading misses its pongs and is disconnected). The timeout only guards against one that
        // would not; its rows stay leased until the lease runs out.
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                .completeOnTimeout(null, lease.toMillis(), TimeUnit.MILLISECONDS)
                .whenCompleteAsync((done, failed) -> finish(node, sent, discarded, sends), this::onThread);
    }

    /**
     * The destination's oldest unexpired messages that no delivery holds, up to a batch, and none
     * newer than a row another delivery still holds.
     */
    private List<Leased> lease(NodeId node) {
        return jdbc.sql("update sis.mailbox_message set leased_until = now() + make_interval(secs => :lease) "
                        + "where id in (select id from sis.mailbox_message m where destination_node_id = :node "
                        + "and expires_at > now() and (leased_until is null or leased_until <= now()) "
                        + "and not exists (select 1 from sis.mailbox_message held where held.destination_node_id = :node "
                        + "and held.leased_until > now() and held.id < m.id) "
                        + "order by id limit :batch for update skip locked) returning id, message, unbuilt")
                .param("lease", lease.toMillis() / 1000.0)
                .param("node", node.bytes())
                .param("batch", settings.deliveryBatch())
                .query((rs, rowNum) -> new Leased(rs.getLong(1), rs.getBytes(2), rs.getBoolean(3)))
                .list()
                .stream().sorted(Comparator.comparingLong(Leased::id)).toList();
    }

    /**
     * After a batch: deletes the rows written (and those discarded), releases those whose send
     * failed, then goes on with the next batch when this one went out whole and full, or when
     * more mail or a new connection of the node was announced meanwhile; and gives the freed
     * slot to a waiting destination.
     */
    private void finish(NodeId node, List<Long> sent, List<Long> discarded, List<CompletableFuture<Void>> sends) {
        List<Long> done = new ArrayList<>(discarded);
        List<Long> failed = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            CompletableFuture<Void> send = sends.get(i);
            if (send.isDone()) {
                (send.isCompletedExceptionally() ? failed : done).add(sent.get(i));
            }
        }
        boolean announced = Boolean.TRUE.equals(writing.remove(node));
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
            log.warn("Could not settle a mailbox delivery to {} (its leases run out): {}", node, e.toString());
        }
        if (announced || done.size() == settings.deliveryBatch()) {
            schedule(node);
        }
        Iterator<NodeId> next = waiting.iterator();
        for (int free = settings.maxBatchesInFlight() - writing.size(); free > 0 && next.hasNext(); free--) {
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
