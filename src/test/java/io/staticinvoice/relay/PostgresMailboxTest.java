package io.staticinvoice.relay;

import io.staticinvoice.gateway.GatewayMetrics;
import io.staticinvoice.gateway.GatewayTestSupport;
import io.staticinvoice.gateway.LightningGateway;
import io.staticinvoice.gateway.NodeIdentity;
import io.staticinvoice.gateway.RawPeer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.staticinvoice.config.LightningProperties;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.onion.BlindedPathFactory;
import io.staticinvoice.lightning.onion.EncryptedData;
import io.staticinvoice.lightning.onion.OnionMessageType;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.onion.UnblindingCache;
import io.staticinvoice.lightning.wire.Init;
import io.staticinvoice.lightning.wire.NodeId;
import io.staticinvoice.lightning.wire.OnionMessage;
import io.staticinvoice.lightning.wire.Ping;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static io.staticinvoice.gateway.GatewayTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

/** The PostgreSQL mailbox: known destinations only, bounds, order, delete-once-written, TTL, and replicas woken by NOTIFY. */
class PostgresMailboxTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** A gateway with a PostgreSQL mailbox attached, as {@link GatewayLifecycle} attaches it. */
    private record Server(LightningGateway gateway, PostgresMailbox mailbox, SimpleMeterRegistry meters)
            implements AutoCloseable {

        static Server start(Map<String, String> overrides) throws InterruptedException {
            return start(overrides, Set.of());
        }

        static Server start(Map<String, String> overrides, Set<NodeId> configuredPeers) throws InterruptedException {
            LightningProperties properties = GatewayTestSupport.properties(overrides);
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            GatewayMetrics metrics = new GatewayMetrics(meters);
            PrivateKey key = PrivateKey.random();
            LightningGateway gateway = new LightningGateway(key, properties.lightning(), metrics);
            PostgresMailbox mailbox = new PostgresMailbox(MailboxDatabase.dataSource(), properties,
                    gateway.peers(), metrics, configuredPeers,
                    NodeIdentity.of(key).onionMessageBuilder(UnblindingCache.none(key)));
            gateway.peers().addListener(mailbox);
            gateway.start((from, message) -> { });
            mailbox.start();
            return new Server(gateway, mailbox, meters);
        }

        double mailboxFullDrops() {
            return drops("mailbox_full");
        }

        double drops(String reason) {
            var counter = meters.find(GatewayMetrics.DROPS).tag("reason", reason).counter();
            return counter == null ? 0 : counter.count();
        }

        @Override
        public void close() throws InterruptedException {
            gateway.stop();
            mailbox.close();
        }
    }

    private static final Init INIT = new Init(LightningGateway.FEATURES, List.of(), Optional.empty());

    private static List<OnionMessage> messages(int count) {
        List<OnionMessage> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] packet = new byte[1366];
            packet[100] = (byte) i;
            messages.add(new OnionMessage(PrivateKey.random().publicKey(), packet));
        }
        return messages;
    }

    private static long waitingFor(NodeId node) {
        return JdbcClient.create(MailboxDatabase.dataSource())
                .sql("select count(*) from sis.mailbox_message where destination_node_id = :node")
                .param("node", node.bytes()).query(Long.class).single();
    }

    private static long leasedFor(NodeId node) {
        return JdbcClient.create(MailboxDatabase.dataSource())
                .sql("select count(*) from sis.mailbox_message where destination_node_id = :node and leased_until > now()")
                .param("node", node.bytes()).query(Long.class).single();
    }

    private static long unexpiredWaitingFor(NodeId node) {
        return JdbcClient.create(MailboxDatabase.dataSource())
                .sql("select count(*) from sis.mailbox_message where destination_node_id = :node and expires_at > now()")
                .param("node", node.bytes()).query(Long.class).single();
    }

    @BeforeEach
    void emptyMailbox() {
        MailboxDatabase.clear();
    }

    @Test
    void deliversInOrderWhenThePeerConnectsAndDeletesWhatWasWritten() throws Exception {
        PrivateKey walletKey = PrivateKey.random();
        NodeId wallet = new NodeId(walletKey.publicKey());
        List<OnionMessage> stored = messages(40);
        MailboxDatabase.known(wallet);
        try (Server server = Server.start(Map.of())) {
            stored.forEach(message -> server.mailbox().store(wallet, message).join());
            assertThat(waitingFor(wallet)).isEqualTo(40);
            assertThat(server.mailbox().size()).isEqualTo(40);

            try (RawPeer peer = RawPeer.connected(server.gateway(), walletKey, INIT)) {
                assertThat(peer.receiveOnionMessages(40)).containsExactlyElementsOf(stored);
                assertThat(waitingFor(wallet)).as("kept until acknowledged").isPositive();
                peer.answerNextPing();
                await(WAIT, "rows deleted once acknowledged", () -> waitingFor(wallet) == 0);
            }
        }
    }

    @Test
    void keepsOnlyTheNewestMessagesPerPeer() throws Exception {
        PrivateKey walletKey = PrivateKey.random();
        NodeId wallet = new NodeId(walletKey.publicKey());
        List<OnionMessage> stored = messages(5);
        MailboxDatabase.known(wallet);
        try (Server server = Server.start(Map.of("sis.mailbox.max-per-peer", "3"))) {
            stored.forEach(message -> server.mailbox().store(wallet, message).join());
            assertThat(waitingFor(wallet)).isEqualTo(3);
            assertThat(server.mailboxFullDrops()).isEqualTo(2);
            try (RawPeer peer = RawPeer.connected(server.gateway(), walletKey, INIT)) {
                assertThat(peer.receiveOnionMessages(3)).containsExactlyElementsOf(stored.subList(2, 5));
            }
        }
    }

    @Test
    void storesQueuedTogetherKeepTheirOrderThePerPeerBoundAndDropOnlyUnknownDestinations() throws Exception {
        PrivateKey walletKey = PrivateKey.random();
        NodeId wallet = new NodeId(walletKey.publicKey());
        NodeId stranger = new NodeId(PrivateKey.random().publicKey());
        List<OnionMessage> stored = messages(8);
        MailboxDatabase.known(wallet);
        try (Server server = Server.start(Map.of("sis.mailbox.max-per-peer", "5"))) {
            List<CompletableFuture<Boolean>> kept = new ArrayList<>();
            for (int i = 0; i < stored.size(); i++) {
                kept.add(server.mailbox().store(wallet, stored.get(i)));
                if (i == 3) {
                    kept.add(server.mailbox().store(stranger, stored.get(i)));
                }
            }

            assertThat(kept.stream().map(CompletableFuture::join))
                    .containsExactly(true, true, true, true, false, true, true, true, true);
            assertThat(waitingFor(wallet)).isEqualTo(5);
            assertThat(waitingFor(stranger)).isZero();
            assertThat(server.mailboxFullDrops()).isEqualTo(3);
            try (RawPeer peer = RawPeer.connected(server.gateway(), walletKey, INIT)) {
                assertThat(peer.receiveOnionMessages(5)).containsExactlyElementsOf(stored.subList(3, 8));
            }
        }
    }

    @Test
    void twoReplicasStoringForOneDestinationAtOnceKeepItsBound() throws Exception {
        List<NodeId> wallets = List.of(new NodeId(PrivateKey.random().publicKey()),
                new NodeId(PrivateKey.random().publicKey()), new NodeId(PrivateKey.random().publicKey()));
        MailboxDatabase.known(wallets.toArray(NodeId[]::new));
        Map<String, String> settings = Map.of("sis.mailbox.max-per-peer", "5", "sis.mailbox.store-batch", "4");
        try (Server one = Server.start(settings); Server other = Server.start(settings)) {
            List<CompletableFuture<Boolean>> kept = new ArrayList<>();
            for (OnionMessage message : messages(120)) {
                NodeId wallet = wallets.get(kept.size() % wallets.size());
                kept.add((kept.size() % 2 == 0 ? one : other).mailbox().store(wallet, message));
            }

            assertThat(kept.stream().map(CompletableFuture::join)).containsOnly(true);
            for (NodeId wallet : wallets) {
                assertThat(waitingFor(wallet)).as("the last batch to commit saw the other replica's rows").isEqualTo(5);
            }
            assertThat(one.mailboxFullDrops() + other.mailboxFullDrops()).isEqualTo(120 - 15);
        }
    }

    @Test
    void theCounterOfAnEmptiedMailboxIsDroppedByMaintenanceAndStartsAgain() throws Exception {
        PrivateKey walletKey = PrivateKey.random();
        NodeId wallet = new NodeId(walletKey.publicKey());
        MailboxDatabase.known(wallet);
        try (Server server = Server.start(Map.of("sis.mailbox.max-per-peer", "3"))) {
            messages(4).forEach(message -> server.mailbox().store(wallet, message).join());
            try (RawPeer peer = RawPeer.connected(server.gateway(), walletKey, INIT)) {
                assertThat(peer.receiveOnionMessages(3)).hasSize(3);
                peer.answerNextPing();
                await(WAIT, "rows deleted once acknowledged", () -> waitingFor(wallet) == 0);
            }
            server.mailbox().maintain(Instant.now());
            assertThat(counterOf(wallet)).as("counter of an empty mailbox").isEmpty();

            List<OnionMessage> later = messages(5);
            later.forEach(message -> server.mailbox().store(wallet, message).join());
            assertThat(counterOf(wallet)).contains(5L);
            assertThat(waitingFor(wallet)).isEqualTo(3);
            server.mailbox().maintain(Instant.now());
            assertThat(counterOf(wallet)).as("kept while messages wait").contains(5L);
            try (RawPeer peer = RawPeer.connected(server.gateway(), walletKey, INIT)) {
                assertThat(peer.receiveOnionMessages(3)).containsExactlyElementsOf(later.subList(2, 5));
            }
        }
    }

    private static Optional<Long> counterOf(NodeId node) {
        return JdbcClient.create(MailboxDatabase.dataSource())
                .sql("select last_seq from sis.mailbox_sequence where destination_node_id = :node")
                .param("node", node.bytes()).query(Long.class).optional();
    }

    @Test
    void keepsOnlyTheNewestMessagesInTotal() throws Exception {
        NodeId first = new NodeId(PrivateKey.random().publicKey());
        NodeId second = new NodeId(PrivateKey.random().publicKey());
        MailboxDatabase.known(first, second);
        try (Server server = Server.start(Map.of("sis.mailbox.max-total", "4"))) {
            messages(3).forEach(message -> server.mailbox().store(first, message).join());
            messages(3).forEach(message -> server.mailbox().store(second, message).join());
            assertThat(MailboxDatabase.count()).isEqualTo(4);
            assertThat(waitingFor(first)).isEqualTo(1);
            assertThat(waitingFor(second)).isEqualTo(3);
            assertThat(server.mailboxFullDrops()).isEqualTo(2);
        }
    }

    @Test
    void runningCountKeepsTheTotalBoundAcrossManyStores() throws Exception {
        List<NodeId> destinations = List.of(new NodeId(PrivateKey.random().publicKey()),
                new NodeId(PrivateKey.random().publicKey()), new NodeId(PrivateKey.random().publicKey()));
        MailboxDatabase.known(destinations.toArray(NodeId[]::new));
        try (Server server = Server.start(Map.of("sis.mailbox.max-total", "40"))) {
            List<OnionMessage> stored = messages(100);
            for (int i = 0; i < stored.size(); i++) {
                server.mailbox().store(destinations.get(i % destinations.size()), stored.get(i)).join();
                assertThat(MailboxDatabase.count()).as("after store %d", i + 1).isEqualTo(Math.min(i + 1, 40));
            }
            assertThat(server.mailbox().size()).isEqualTo(40);
            assertThat(server.mailboxFullDrops()).isEqualTo(60);
        }
    }

    @Test
    void expiredMessagesAreNotDelivered() throws Exception {
        PrivateKey walletKey = PrivateKey.random();
        NodeId wallet = new NodeId(walletKey.publicKey());
        List<OnionMessage> stored = messages(2);
        MailboxDatabase.known(wallet);
        try (Server expiring = Server.start(Map.of("sis.mailbox.ttl", "0s"));
             Server server = Server.start(Map.of())) {
            expiring.mailbox().store(wallet, stored.get(0)).join();
            server.mailbox().store(wallet, stored.get(1)).join();
            try (RawPeer peer = RawPeer.connected(server.gateway(), walletKey, INIT)) {
                assertThat(peer.receiveOnionMessages(1)).containsExactly(stored.get(1));
                peer.answerNextPing();
                peer.send(new Ping(5, 0));
                assertThat(peer.receive()).as("nothing else comes").isEqualTo(new io.staticinvoice.lightning.wire.Pong(5));
            }
            await(WAIT, "the delivered row deleted (the expired one is the maintenance job's)",
                    () -> unexpiredWaitingFor(wallet) == 0);
        }
    }

    @Test
    void aMessageStoredByAnotherReplicaReachesAPeerConnectedHereThroughNotify() throws Exception {
        PrivateKey walletKey = PrivateKey.random();
        NodeId wallet = new NodeId(walletKey.publicKey());
        OnionMessage message = messages(1).get(0);
        Map<String, String> slowPolling = Map.of("sis.mailbox.poll-interval", "10m");
        try (Server here = Server.start(slowPolling);
             Server otherReplica = Server.start(slowPolling);
             RawPeer peer = RawPeer.connected(here.gateway(), walletKey, INIT)) {
            await(WAIT, "wallet connected here, and so known to every replica", () -> MailboxDatabase.isKnown(wallet));
            assertThat(otherReplica.mailbox().store(wallet, message).join()).isTrue();
            assertThat(peer.receiveOnionMessages(1)).containsExactly(message);
            peer.answerNextPing();
            await(WAIT, "row deleted", () -> waitingFor(wallet) == 0);
        }
    }

    @Test
    void pollingFindsMessagesForConnectedPeersWithoutNotifications() throws Exception {
        PrivateKey walletKey = PrivateKey.random();
        NodeId wallet = new NodeId(walletKey.publicKey());
        OnionMessage message = messages(1).get(0);
        try (Server server = Server.start(Map.of("sis.mailbox.poll-interval", "200ms"));
             RawPeer peer = RawPeer.connected(server.gateway(), walletKey, INIT)) {
            await(WAIT, "wallet connected", () -> server.gateway().peers().isConnected(wallet));
            // Held by a lease for a second: only a poll after that can deliver it, not the connect.
            JdbcClient.create(MailboxDatabase.dataSource())
                    .sql("insert into sis.mailbox_message (destination_node_id, seq, message, expires_at, leased_until) "
                            + "values (:node, 1, :message, now() + interval '1 hour', now() + interval '1 second')")
                    .param("node", wallet.bytes()).param("message", message.encodeBody()).update();
            assertThat(peer.receiveOnionMessages(1)).containsExactly(message);
        }
    }

    @Test
    void messagesNotAcknowledgedBeforeADisconnectStayForTheNextConnection() throws Exception {
        PrivateKey walletKey = PrivateKey.random();
        NodeId wallet = new NodeId(walletKey.publicKey());
        List<OnionMessage> stored = messages(5);
        MailboxDatabase.known(wallet);
        try (Server server = Server.start(Map.of("sis.lightning.max-messages-in-flight", "2"))) {
            stored.forEach(message -> server.mailbox().store(wallet, message).join());
            try (RawPeer first = RawPeer.connected(server.gateway(), walletKey, INIT)) {
                assertThat(first.receive()).isEqualTo(stored.get(0));
                assertThat(first.receive()).isEqualTo(stored.get(1));
                assertThat(first.receive()).as("paced: waits for a pong").isInstanceOf(Ping.class);
            }
            await(WAIT, "the rows released, none deleted: no pong acknowledged the two written",
                    () -> leasedFor(wallet) == 0);
            assertThat(waitingFor(wallet)).isEqualTo(5);
            try (RawPeer second = RawPeer.connected(server.gateway(), walletKey, INIT)) {
                assertThat(second.receiveOnionMessages(5)).containsExactlyElementsOf(stored);
            }
        }
    }

    @Test
    void keepsNothingForANodeThatNeverConnected() throws Exception {
        NodeId stranger = new NodeId(PrivateKey.random().publicKey());
        try (Server server = Server.start(Map.of())) {
            assertThat(server.mailbox().store(stranger, messages(1).get(0)).join()).isFalse();
            assertThat(waitingFor(stranger)).isZero();
            assertThat(server.drops("unknown_destination")).isEqualTo(1);
        }
    }

    @Test
    void forgetsANodeThatHasNotConnectedWithinTheRetention() throws Exception {
        NodeId longGone = new NodeId(PrivateKey.random().publicKey());
        MailboxDatabase.knownSince(Duration.ofDays(2), longGone);
        try (Server server = Server.start(Map.of("sis.mailbox.known-peer-retention", "1d"))) {
            assertThat(server.mailbox().store(longGone, messages(1).get(0)).join()).isFalse();
            assertThat(waitingFor(longGone)).isZero();
        }
    }

    @Test
    void aPeerThatConnectedOnceGetsItsMailWhenItComesBack() throws Exception {
        PrivateKey walletKey = PrivateKey.random();
        NodeId wallet = new NodeId(walletKey.publicKey());
        OnionMessage message = messages(1).get(0);
        try (Server server = Server.start(Map.of())) {
            try (RawPeer first = RawPeer.connected(server.gateway(), walletKey, INIT)) {
                await(WAIT, "the connection recorded", () -> MailboxDatabase.isKnown(wallet));
            }
            await(WAIT, "wallet gone", () -> !server.gateway().peers().isConnected(wallet));
            assertThat(server.mailbox().store(wallet, message).join()).isTrue();
            try (RawPeer again = RawPeer.connected(server.gateway(), walletKey, INIT)) {
                assertThat(again.receiveOnionMessages(1)).containsExactly(message);
            }
        }
    }

    @Test
    void configuredPeersAreKnownBeforeTheyEverConnect() throws Exception {
        NodeId configured = new NodeId(PrivateKey.random().publicKey());
        try (Server server = Server.start(Map.of(), Set.of(configured))) {
            assertThat(server.mailbox().store(configured, messages(1).get(0)).join()).isTrue();
            assertThat(waitingFor(configured)).isEqualTo(1);
        }
    }

    /**
     * A peer that stops reading (here: never answers the ping its paced queue waits for) is
     * disconnected only after the pong timeout; meanwhile other peers get their mail at once, and
     * the stalled peer's unacknowledged rows go to its next connection at once (without a poll), even
     * when that connection comes before the stalled batch is settled.
     */
    @Test
    void aPeerThatStopsReadingHoldsUpNoOtherPeer() throws Exception {
        PrivateKey stalledKey = PrivateKey.random();
        PrivateKey otherKey = PrivateKey.random();
        NodeId stalled = new NodeId(stalledKey.publicKey());
        NodeId other = new NodeId(otherKey.publicKey());
        MailboxDatabase.known(stalled, other);
        List<OnionMessage> forStalled = messages(5);
        OnionMessage forOther = messages(1).get(0);
        try (Server server = Server.start(Map.of("sis.lightning.max-messages-in-flight", "2",
                "sis.lightning.pong-timeout", "10m", "sis.mailbox.poll-interval", "10m"))) {
            forStalled.forEach(message -> server.mailbox().store(stalled, message).join());
            try (RawPeer silent = RawPeer.connected(server.gateway(), stalledKey, INIT)) {
                await(WAIT, "the stalled peer's batch leased", () -> leasedFor(stalled) == 5);
                server.mailbox().store(other, forOther).join();
                try (RawPeer reading = RawPeer.connected(server.gateway(), otherKey, INIT)) {
                    assertThat(reading.receiveOnionMessages(1)).containsExactly(forOther);
                }
                assertThat(silent.receive()).isEqualTo(forStalled.get(0));
                // The node connects again while its batch is still out: the new connection replaces
                // the silent one, whose unacknowledged sends fail; all follow on the new one at once.
                try (RawPeer back = RawPeer.connected(server.gateway(), stalledKey, INIT)) {
                    assertThat(back.receiveOnionMessages(5)).containsExactlyElementsOf(forStalled);
                }
            }
        }
    }

    @Test
    void aPeerConnectedLongerThanTheRetentionIsRecordedAgainWhenItLeaves() throws Exception {
        PrivateKey walletKey = PrivateKey.random();
        NodeId wallet = new NodeId(walletKey.publicKey());
        Map<String, String> twoHours = Map.of("sis.mailbox.known-peer-retention", "2h");
        try (Server here = Server.start(twoHours); Server otherReplica = Server.start(twoHours)) {
            try (RawPeer peer = RawPeer.connected(here.gateway(), walletKey, INIT)) {
                await(WAIT, "the connection recorded", () -> MailboxDatabase.isKnown(wallet));
                MailboxDatabase.knownSince(Duration.ofHours(3), wallet);
                assertThat(otherReplica.mailbox().store(wallet, messages(1).get(0)).join())
                        .as("connected three hours ago, and only here").isFalse();
            }
            await(WAIT, "recorded again as it left", () -> MailboxDatabase.knownWithin(Duration.ofMinutes(1), wallet));
            assertThat(otherReplica.mailbox().store(wallet, messages(1).get(0)).join()).isTrue();
        }
    }

    @Test
    void rowsHeldByAnotherDeliveryAreNotOvertaken() throws Exception {
        PrivateKey walletKey = PrivateKey.random();
        NodeId wallet = new NodeId(walletKey.publicKey());
        MailboxDatabase.known(wallet);
        List<OnionMessage> stored = messages(2);
        try (Server server = Server.start(Map.of("sis.mailbox.poll-interval", "200ms"))) {
            stored.forEach(message -> server.mailbox().store(wallet, message).join());
            JdbcClient database = JdbcClient.create(MailboxDatabase.dataSource());
            database.sql("update sis.mailbox_message set leased_until = now() + interval '1 hour' where id = "
                    + "(select min(id) from sis.mailbox_message where destination_node_id = :node)")
                    .param("node", wallet.bytes()).update();
            PrivateKey laterKey = PrivateKey.random();
            NodeId later = new NodeId(laterKey.publicKey());
            MailboxDatabase.known(later);
            OnionMessage forLater = messages(1).get(0);
            server.mailbox().store(later, forLater).join();
            try (RawPeer peer = RawPeer.connected(server.gateway(), walletKey, INIT)) {
                try (RawPeer barrier = RawPeer.connected(server.gateway(), laterKey, INIT)) {
                    assertThat(barrier.receiveOnionMessages(1)).as("delivered after the wallet's turn")
                            .containsExactly(forLater);
                }
                peer.send(new Ping(5, 0));
                assertThat(peer.receive()).as("the newer message waits behind the held one")
                        .isEqualTo(new io.staticinvoice.lightning.wire.Pong(5));

                database.sql("update sis.mailbox_message set leased_until = null where destination_node_id = :node")
                        .param("node", wallet.bytes()).update();
                assertThat(peer.receiveOnionMessages(2)).containsExactlyElementsOf(stored);
            }
        }
    }

    @Test
    void destinationsBeyondTheBatchesInFlightWaitForAFreeSlot() throws Exception {
        PrivateKey stalledKey = PrivateKey.random();
        PrivateKey otherKey = PrivateKey.random();
        NodeId stalled = new NodeId(stalledKey.publicKey());
        NodeId other = new NodeId(otherKey.publicKey());
        MailboxDatabase.known(stalled, other);
        OnionMessage forOther = messages(1).get(0);
        try (Server server = Server.start(Map.of("sis.mailbox.max-batches-in-flight", "1",
                "sis.lightning.max-messages-in-flight", "1", "sis.lightning.pong-timeout", "10m",
                "sis.mailbox.poll-interval", "10m"))) {
            messages(2).forEach(message -> server.mailbox().store(stalled, message).join());
            server.mailbox().store(other, forOther).join();
            RawPeer silent = RawPeer.connected(server.gateway(), stalledKey, INIT);
            await(WAIT, "the stalled peer's batch out", () -> leasedFor(stalled) == 2);
            try (RawPeer reading = RawPeer.connected(server.gateway(), otherKey, INIT)) {
                Awaitility.await("the other peer's mail waits for the batch slot").during(Duration.ofSeconds(1))
                        .atMost(Duration.ofSeconds(10)).until(() -> leasedFor(other) == 0);
                reading.send(new Ping(5, 0));
                assertThat(reading.receive()).as("no slot yet").isEqualTo(new io.staticinvoice.lightning.wire.Pong(5));

                silent.close();
                assertThat(reading.receiveOnionMessages(1)).containsExactly(forOther);
            }
        }
    }
}
