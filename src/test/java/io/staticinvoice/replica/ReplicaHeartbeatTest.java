package io.staticinvoice.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.staticinvoice.support.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Three replicas of one node on one database: each sees the live ones; a stopping replica is gone
 * at the others' next beat, a dead one (its row no longer renewed) once its row expires. Other
 * tests' application contexts beat in the same database, so counts are checked as at least ours.
 */
class ReplicaHeartbeatTest {

    private static final Duration TTL = Duration.ofMillis(900);
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final JdbcClient jdbc = JdbcClient.create(TestDatabase.migratedDataSource());
    private final List<ReplicaHeartbeat> replicas = new ArrayList<>();

    @BeforeEach
    void startThree() {
        for (int i = 0; i < 3; i++) {
            ReplicaHeartbeat replica = new ReplicaHeartbeat(jdbc, TTL);
            replica.start();
            replicas.add(replica);
        }
    }

    @AfterEach
    void stopAll() {
        replicas.forEach(ReplicaHeartbeat::stop);
    }

    @Test
    void everyReplicaCountsTheLiveOnes() {
        await().atMost(WAIT).until(() -> replicas.stream().allMatch(replica -> seesAll(replica, replicas)));
        assertThat(replicas).allMatch(replica -> replica.liveCount() >= 3);
        assertThat(replicas.stream().map(ReplicaHeartbeat::id).distinct()).hasSize(3);
    }

    @Test
    void aStoppedReplicaIsGoneAtTheOthersNextBeat() {
        await().atMost(WAIT).until(() -> seesAll(replicas.get(0), replicas));
        ReplicaHeartbeat stopped = replicas.get(2);

        stopped.stop();

        assertThat(jdbc.sql("select count(*) from sis.replica where id = :id").param("id", stopped.id())
                .query(Long.class).single()).isZero();
        await().atMost(WAIT).until(() -> !replicas.get(0).isLive(stopped.id()) && !replicas.get(1).isLive(stopped.id()));
        assertThat(replicas.get(0).isLive(replicas.get(1).id())).isTrue();
    }

    @Test
    void aDeadReplicaCountsUntilItsRowExpires() {
        String dead = "dead000000000000";
        jdbc.sql("insert into sis.replica (id, expires_at) values (:id, now() + interval '2 seconds')")
                .param("id", dead).update();

        await().atMost(WAIT).until(() -> replicas.get(0).isLive(dead));
        await().atMost(WAIT).until(() -> !replicas.get(0).isLive(dead));
        assertThat(seesAll(replicas.get(0), replicas)).isTrue();
    }

    private static boolean seesAll(ReplicaHeartbeat replica, List<ReplicaHeartbeat> all) {
        return all.stream().allMatch(other -> replica.isLive(other.id()));
    }
}
