package io.staticinvoice.relay;

import io.staticinvoice.gateway.GatewayMetrics;
import io.staticinvoice.gateway.GatewayTestSupport;
import io.staticinvoice.gateway.LightningGateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.wire.NodeId;
import io.staticinvoice.support.IntegrationTest;
import io.staticinvoice.support.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two replicas of one node (one node key, one database, each with its own connection pool)
 * configured with the same peer: exactly one keeps it connected, and the other takes it over when
 * the holder gives its lease back or stops renewing it. The application context only migrates the
 * database here.
 */
@IntegrationTest
class PostgresPeerLeasesTest {

    private static final Duration TTL = Duration.ofMillis(1500);
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final PrivateKey nodeKey = PrivateKey.random();
    private final NodeId nodeId = new NodeId(nodeKey.publicKey());
    private final List<AutoCloseable> closing = new ArrayList<>();
    private GatewayTestSupport.Node configuredPeer;
    private Replica first;
    private Replica second;

    /** One replica: its pool, its leases, its gateway. */
    private record Replica(HikariDataSource pool, PostgresPeerLeases leases, LightningGateway gateway) {
    }

    @BeforeEach
    void startTwoReplicasOfOneNode() throws Exception {
        configuredPeer = GatewayTestSupport.start(Map.of());
        closing.add(configuredPeer);
        NodeId peerId = configuredPeer.gateway().nodeId();
        first = replica(peerId);
        second = replica(peerId);
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    @Test
    void exactlyOneReplicaKeepsTheConfiguredPeerConnected() {
        NodeId peerId = configuredPeer.gateway().nodeId();
        await().atMost(WAIT).until(() -> configuredPeer.gateway().peers().isConnected(nodeId));

        await().during(TTL.multipliedBy(3)).atMost(TTL.multipliedBy(4)).until(() ->
                handshakesAtPeer() == 1 && first.leases().holds(peerId) != second.leases().holds(peerId));
        assertThat(configuredPeer.disconnects(GatewayMetrics.Disconnect.REPLACED)).isZero();
    }

    @Test
    void theLeasesAreTakenBeforeTheStartReturns() {
        NodeId peerId = configuredPeer.gateway().nodeId();
        assertThat(first.leases().holds(peerId)).as("the replica started first").isTrue();
        assertThat(second.leases().holds(peerId)).as("the one started after it").isFalse();
    }

    @Test
    void aStoppingReplicaGivesTheLeaseBackAndTheOtherDialsThePeer() {
        NodeId peerId = configuredPeer.gateway().nodeId();
        await().atMost(WAIT).until(() -> first.leases().holds(peerId) || second.leases().holds(peerId));
        Replica holder = first.leases().holds(peerId) ? first : second;
        Replica other = holder == first ? second : first;

        holder.leases().close();
        holder.gateway().stop();

        await().atMost(WAIT).until(() -> other.leases().holds(peerId)
                && other.gateway().peers().isConnected(peerId));
    }

    @Test
    void aReplicaThatCannotRenewHangsUpAndTheOtherTakesOverOnceTheLeaseRanOut() {
        NodeId peerId = configuredPeer.gateway().nodeId();
        await().atMost(WAIT).until(() -> first.gateway().peers().isConnected(peerId)
                || second.gateway().peers().isConnected(peerId));
        Replica holder = first.leases().holds(peerId) ? first : second;
        Replica other = holder == first ? second : first;

        holder.pool().close();

        await().atMost(WAIT).until(() -> !holder.gateway().peers().isConnected(peerId)
                && other.gateway().peers().isConnected(peerId));
        assertThat(holder.leases().holds(peerId)).isFalse();
        assertThat(other.leases().holds(peerId)).isTrue();
    }

    private Replica replica(NodeId peerId) throws Exception {
        TestDatabase database = TestDatabase.get();
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(database.url());
        pool.setUsername(database.username());
        pool.setPassword(database.password());
        pool.setMaximumPoolSize(2);
        pool.setConnectionTimeout(1_000);
        closing.add(pool);
        PostgresPeerLeases leases = new PostgresPeerLeases(JdbcClient.create(pool), UUID.randomUUID().toString(), List.of(peerId), TTL);
        String peer = peerId.hex() + "@127.0.0.1:" + configuredPeer.gateway().boundAddress().getPort();
        LightningGateway gateway = new LightningGateway(nodeKey, GatewayTestSupport.settings(Map.of(
                "sis.lightning.peers", peer,
                "sis.lightning.reconnect-min-backoff", "50ms",
                "sis.lightning.reconnect-max-backoff", "200ms")),
                new GatewayMetrics(new SimpleMeterRegistry()), leases);
        gateway.start((from, message) -> { });
        closing.add(gateway::stop);
        leases.start(gateway);
        closing.add(leases);
        return new Replica(pool, leases, gateway);
    }

    private double handshakesAtPeer() {
        var counter = configuredPeer.meters().find(GatewayMetrics.HANDSHAKES_COMPLETED).counter();
        return counter == null ? 0 : counter.count();
    }
}
