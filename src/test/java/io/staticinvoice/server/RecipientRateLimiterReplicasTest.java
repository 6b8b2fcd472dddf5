package io.staticinvoice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.staticinvoice.config.ProtocolProperties;
import io.staticinvoice.config.ProtocolPropertiesFixture;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.wire.NodeId;
import io.staticinvoice.replica.ReplicaHeartbeat;
import io.staticinvoice.store.Recipient;
import io.staticinvoice.support.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One recipient's invoice_request limit with three replicas of one node: three limiters, each
 * with its own {@link ReplicaHeartbeat} on the test database, and one injected clock. Requests from
 * many peers, one every 5 ms for 30 s of that clock, are spread round robin over the replicas, or
 * all sent to one (as a TCP load balancer may do); the admitted count must be within the tolerance
 * the README's "Scaling" states: in any interval T the node admits at most
 * {@code rate·T + burst + N - 1}, and replicas that receive a recipient's requests admit their
 * shares of that ({@code k/N}) less the token each may be about to refill.
 *
 * <p>Other tests' application contexts beat in the same database: they are live replicas that
 * receive none of these requests. So N is the live count the three agree on (3 when this class
 * runs alone), and the bounds are taken for it.
 */
class RecipientRateLimiterReplicasTest {

    private static final Duration TTL = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int BURST = 9;
    private static final double PER_SECOND = 10;
    private static final Duration RUN = Duration.ofSeconds(30);
    private static final Duration EVERY = Duration.ofMillis(5);
    private static final int SOURCES = 100;

    private final JdbcClient jdbc = JdbcClient.create(TestDatabase.migratedDataSource());
    private final ProtocolProperties.RateLimit settings = ProtocolPropertiesFixture.with(Map.of(
            "sis.rate-limit.request-burst", String.valueOf(BURST),
            "sis.rate-limit.request-refill", "100ms")).rateLimit();
    private final AtomicLong nanos = new AtomicLong();
    private final List<ReplicaHeartbeat> replicas = new ArrayList<>();
    private final List<RecipientRateLimiter> limiters = new ArrayList<>();
    private final List<NodeId> sources = IntStream.range(0, SOURCES)
            .mapToObj(i -> new NodeId(PrivateKey.random().publicKey())).toList();

    @BeforeEach
    void startThreeReplicas() {
        for (int i = 0; i < 3; i++) {
            ReplicaHeartbeat replica = new ReplicaHeartbeat(jdbc, TTL);
            replica.start();
            replicas.add(replica);
            limiters.add(new RecipientRateLimiter(settings, replica::liveCount, nanos::get));
        }
    }

    @AfterEach
    void stopReplicas() {
        replicas.forEach(ReplicaHeartbeat::stop);
    }

    @Test
    void roundRobinTheNodeAdmitsItsRateAndBurst() {
        int live = agreedLiveCount(replicas);

        long admitted = offer(recipient("round-robin"), i -> i % 3);

        assertThat(agreedLiveCount(replicas)).as("live replicas during the run").isEqualTo(live);
        assertThat(admitted).as("%d live replicas", live)
                .isLessThanOrEqualTo(nodeBound(live))
                .isGreaterThanOrEqualTo(sharesOf(3, live));
    }

    @Test
    void allToOneReplicaThatReplicaAdmitsItsShare() {
        int live = agreedLiveCount(replicas);

        long admitted = offer(recipient("one-replica"), i -> 0);

        assertThat(admitted).as("%d live replicas", live)
                .isLessThanOrEqualTo((long) Math.floor(PER_SECOND * RUN.toMillis() / 1000.0 / live) + ceilDiv(BURST, live))
                .isGreaterThanOrEqualTo(sharesOf(1, live));
    }

    @Test
    void whenAReplicaStopsTheOthersTakeOverItsShare() {
        Recipient recipient = recipient("stopping");
        int live = agreedLiveCount(replicas);
        offer(recipient, i -> i % 3);

        replicas.get(2).stop();
        List<ReplicaHeartbeat> survivors = replicas.subList(0, 2);
        await().atMost(WAIT).until(() -> survivors.stream().allMatch(replica -> replica.liveCount() == live - 1));
        long admitted = offer(recipient, i -> i % 2);

        assertThat(admitted).as("%d live replicas after the stop", live - 1)
                .isLessThanOrEqualTo(nodeBound(live - 1))
                .isGreaterThanOrEqualTo(sharesOf(2, live - 1) - 2L * ceilDiv(BURST, live - 1));
    }

    /**
     * Offers an invoice_request every {@link #EVERY} for {@link #RUN}, the i-th from source i mod
     * {@link #SOURCES} to the replica {@code replicaOf(i)}, and counts those admitted.
     */
    private long offer(Recipient recipient, IntUnaryOperator replicaOf) {
        long admitted = 0;
        int requests = (int) (RUN.toMillis() / EVERY.toMillis());
        for (int i = 0; i < requests; i++) {
            if (limiters.get(replicaOf.applyAsInt(i)).tryAcquireRequest(recipient, sources.get(i % SOURCES)).isEmpty()) {
                admitted++;
            }
            nanos.addAndGet(EVERY.toNanos());
        }
        return admitted;
    }

    /** The documented bound on the whole node over {@link #RUN}: its rate, its burst and one token per replica less one. */
    private static long nodeBound(int live) {
        return (long) (PER_SECOND * RUN.toMillis() / 1000.0) + BURST + live - 1;
    }

    /**
     * The least that {@code receiving} replicas of {@code live} admit when all of them are offered
     * more than their shares: their shares of the rate over the run (less the one request interval
     * in which a replica last asks) and of the burst, less a token each may be about to refill.
     */
    private static long sharesOf(int receiving, int live) {
        double seconds = (RUN.toMillis() - receiving * EVERY.toMillis()) / 1000.0;
        return (long) Math.floor(receiving * (PER_SECOND * seconds / live + (double) BURST / live)) - receiving;
    }

    private static int ceilDiv(int dividend, int divisor) {
        return (dividend + divisor - 1) / divisor;
    }

    /** The live count all of {@code replicas} report once each sees the others. */
    private static int agreedLiveCount(List<ReplicaHeartbeat> replicas) {
        await().atMost(WAIT).until(() -> replicas.stream().allMatch(replica ->
                replicas.stream().allMatch(other -> replica.isLive(other.id())))
                && replicas.stream().mapToInt(ReplicaHeartbeat::liveCount).distinct().count() == 1);
        return replicas.get(0).liveCount();
    }

    private static Recipient recipient(String id) {
        return new Recipient(id.getBytes(), id, 4, null, Instant.now());
    }
}
