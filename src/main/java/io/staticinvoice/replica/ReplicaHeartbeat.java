package io.staticinvoice.replica;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * This replica's entry in the table of live replicas ({@code sis.replica}), and what it knows of
 * the others: every third of {@code heartbeat-ttl} it renews its own row and reads which rows
 * are live, in one statement. What a replica keeps as its share of a node-wide budget (rate
 * limits, in-memory bounds) is that budget divided by {@link #liveCount()}, and a message for a
 * peer held by another replica is relayed only while that replica is {@link #isLive live}.
 *
 * <p>A replica that stops deletes its row, so the others see it gone at their next beat; one
 * that dies is gone once its row expires. While the database cannot be reached the last known
 * set is kept.
 */
public final class ReplicaHeartbeat implements SmartLifecycle {

    /** Starts before the gateway and stops after it: the gateway's peers are announced under this id. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1000;

    private static final Logger log = LoggerFactory.getLogger(ReplicaHeartbeat.class);

    private final JdbcClient jdbc;
    private final Duration ttl;
    private final String id = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    private volatile Set<String> live = Set.of(id);
    private final Renewal renewal;

    /** @param ttl how long a row lasts unrenewed: how long a dead replica still counts as live */
    public ReplicaHeartbeat(JdbcClient jdbc, Duration ttl) {
        this.jdbc = jdbc;
        this.ttl = ttl;
        this.renewal = new Renewal("replica-heartbeat", ttl);
    }

    /** This replica's id: 16 lowercase hex characters, fresh at every start of the process. */
    public String id() {
        return id;
    }

    /** The live replicas, this one included, as of the last beat; at least 1. */
    public int liveCount() {
        return live.size();
    }

    /** Whether {@code replica} was live at the last beat (this replica always is). */
    public boolean isLive(String replica) {
        return id.equals(replica) || live.contains(replica);
    }

    /** Renews this replica's row and reads the live ones; on failure keeps what it knew. */
    void beat() {
        try {
            List<String> ids = jdbc.sql("with mine as (insert into sis.replica (id, expires_at) "
                            + "values (:id, now() + make_interval(secs => :seconds)) "
                            + "on conflict (id) do update set expires_at = excluded.expires_at returning id), "
                            + "gone as (delete from sis.replica where expires_at < now() - interval '1 hour') "
                            + "select id from sis.replica where expires_at > now() and id <> :id "
                            + "union all select id from mine")
                    .param("id", id).param("seconds", ttl.toMillis() / 1000.0)
                    .query(String.class).list();
            Set<String> now = Set.copyOf(ids);
            if (!now.equals(live)) {
                log.info("Live replicas of this node: {} (this one is {})", now.size(), id);
            }
            live = now;
        } catch (DataAccessException e) {
            log.warn("Could not renew this replica's heartbeat; keeping the last known {} live replicas: {}",
                    live.size(), e.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (renewal.isRunning()) {
            return;
        }
        beat();
        renewal.start(this::beat, ttl.dividedBy(3));
    }

    /** Stops beating and deletes this replica's row, so the others count one fewer at their next beat. */
    @Override
    public synchronized void stop() {
        if (!renewal.stop()) {
            return;
        }
        live = Set.of(id);
        try {
            jdbc.sql("delete from sis.replica where id = :id").param("id", id).update();
        } catch (DataAccessException e) {
            log.warn("Could not remove this replica's heartbeat; it expires in {}: {}", ttl, e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return renewal.isRunning();
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
