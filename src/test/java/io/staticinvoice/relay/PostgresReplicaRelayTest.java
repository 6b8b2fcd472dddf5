package io.staticinvoice.relay;

import io.staticinvoice.gateway.Delivery;
import io.staticinvoice.gateway.GatewayTestSupport;
import io.staticinvoice.gateway.NodeIdentity;
import io.staticinvoice.gateway.RoutedNode;

import static io.staticinvoice.gateway.GatewayTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.onion.BlindedPathFactory;
import io.staticinvoice.lightning.onion.EncryptedData;
import io.staticinvoice.lightning.onion.OnionMessageType;
import io.staticinvoice.lightning.onion.UnblindingCache;
import io.staticinvoice.replica.ReplicaHeartbeat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two replicas of one node (one node key, one database): an invoice_request one replica forwards
 * to a wallet connected to the other is relayed there without a mailbox row; one forwarded while
 * the wallet is connected nowhere is held and follows the wallet to whichever replica it connects
 * to; a stopping replica withdraws its peers.
 */
class PostgresReplicaRelayTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final TlvRecord INVOICE_REQUEST =
            new TlvRecord(OnionMessageType.INVOICE_REQUEST.tlvType(), new byte[] {7});

    private final PrivateKey serverKey = PrivateKey.random();
    private final PrivateKey walletKey = PrivateKey.random();
    private final NodeIdentity wallet = NodeIdentity.of(walletKey);
    private final List<AutoCloseable> closing = new ArrayList<>();
    private Replica first;
    private Replica second;

    /** One replica: its heartbeat, its relay, its gateway with a PostgreSQL mailbox. */
    private record Replica(ReplicaHeartbeat heartbeat, PostgresReplicaRelay relay, RoutedNode node) implements AutoCloseable {

        @Override
        public void close() throws InterruptedException {
            node.close();
            relay.close();
            heartbeat.stop();
        }
    }

    @BeforeEach
    void startTwoReplicas() throws Exception {
        MailboxDatabase.clear();
        MailboxDatabase.known(wallet.nodeId());
        first = replica();
        second = replica();
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    private Replica replica() throws InterruptedException {
        ReplicaHeartbeat heartbeat = new ReplicaHeartbeat(JdbcClient.create(MailboxDatabase.dataSource()),
                Duration.ofSeconds(3));
        heartbeat.start();
        PostgresReplicaRelay relay = new PostgresReplicaRelay(MailboxDatabase.dataSource(), heartbeat);
        RoutedNode node = RoutedNode.replica(serverKey, (gateway, metrics) -> new PostgresMailbox(
                MailboxDatabase.dataSource(), GatewayTestSupport.properties(Map.of()), gateway.peers(), metrics,
                Set.of(), NodeIdentity.of(serverKey).onionMessageBuilder(UnblindingCache.none(serverKey))), relay);
        Replica replica = new Replica(heartbeat, relay, node);
        closing.add(replica);
        return replica;
    }

    private RoutedNode startWallet() throws InterruptedException {
        RoutedNode node = new RoutedNode(walletKey, GatewayTestSupport.settings(Map.of()), new RoutedNode.MemoryMailbox(),
                new RoutedNode.MemoryAddressBook(), (message, responder) -> { });
        closing.add(node);
        return node;
    }

    private BlindedMessagePath walletPathThroughServer(String pathId) {
        return BlindedPathFactory.create(List.of(BlindedPathFactory.ForwardNode.of(serverKey.publicKey())),
                wallet.nodeId().key(), 0, wallet.receiveAuthKey(),
                EncryptedData.receiveWithPathId(pathId.getBytes(StandardCharsets.UTF_8)));
    }

    private boolean seesWalletOn(Replica looking, Replica holder) {
        return looking.relay().holding(wallet.nodeId()).equals(Optional.of(holder.heartbeat().id()));
    }

    @Test
    void aRequestForAWalletOnTheOtherReplicaIsRelayedThereWithoutAMailboxRow() throws Exception {
        RoutedNode online = startWallet();
        online.connectTo(first.node());
        await(WAIT, "the second replica sees the wallet on the first", () -> seesWalletOn(second, first));

        assertThat(second.node().sender.send(walletPathThroughServer("relayed"), INVOICE_REQUEST, Optional.empty())
                .get(5, TimeUnit.SECONDS)).isEqualTo(Delivery.RELAYED);

        RoutedNode.Delivered delivered = online.received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(delivered).isNotNull();
        assertThat(delivered.pathIdText()).isEqualTo("relayed");
        assertThat(delivered.message().receivedFrom()).isEqualTo(first.node().id());
        assertThat(MailboxDatabase.count()).isZero();
    }

    @Test
    void aRequestHeldWhileTheWalletIsAwayFollowsItToTheReplicaItConnectsTo() throws Exception {
        assertThat(second.node().sender.send(walletPathThroughServer("held"), INVOICE_REQUEST, Optional.empty())
                .get(5, TimeUnit.SECONDS)).isEqualTo(Delivery.HELD);

        RoutedNode online = startWallet();
        online.connectTo(first.node());

        RoutedNode.Delivered delivered = online.received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(delivered).isNotNull();
        assertThat(delivered.pathIdText()).isEqualTo("held");
        assertThat(second.node().held.size()).isZero();
        assertThat(MailboxDatabase.count()).isZero();
    }

    @Test
    void aStoppingReplicaWithdrawsItsPeers() throws Exception {
        RoutedNode online = startWallet();
        online.connectTo(first.node());
        await(WAIT, "the second replica sees the wallet on the first", () -> seesWalletOn(second, first));

        first.close();

        await(WAIT, "the wallet is connected nowhere", () -> second.relay().holding(wallet.nodeId()).isEmpty());
        assertThat(second.node().sender.send(walletPathThroughServer("away"), INVOICE_REQUEST, Optional.empty())
                .get(5, TimeUnit.SECONDS)).isEqualTo(Delivery.HELD);
    }
}
