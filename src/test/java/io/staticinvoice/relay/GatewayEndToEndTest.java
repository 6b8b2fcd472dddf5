package io.staticinvoice.relay;

import io.staticinvoice.gateway.Delivery;
import io.staticinvoice.gateway.GatewayMetrics;
import io.staticinvoice.gateway.GatewayTestSupport;
import io.staticinvoice.gateway.LightningGateway;
import io.staticinvoice.gateway.NodeIdentity;
import io.staticinvoice.gateway.RawPeer;
import io.staticinvoice.gateway.RoutedNode;

import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.onion.BlindedPathFactory;
import io.staticinvoice.lightning.onion.EncryptedData;
import io.staticinvoice.lightning.onion.OnionMessageType;
import io.staticinvoice.lightning.onion.UnblindingCache;
import io.staticinvoice.lightning.wire.NodeId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.staticinvoice.gateway.GatewayTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server gateway with the PostgreSQL mailbox and wallet gateways, over loopback: onion
 * messages for a wallet that is offline wait in the mailbox and reach it, peeled and
 * authenticated, when it connects, also after the server restarts.
 */
class GatewayEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final TlvRecord HELD_HTLC_AVAILABLE =
            new TlvRecord(OnionMessageType.HELD_HTLC_AVAILABLE.tlvType(), new byte[] {0});
    private static final TlvRecord INVOICE_REQUEST =
            new TlvRecord(OnionMessageType.INVOICE_REQUEST.tlvType(), new byte[] {1, 2, 3});
    private static final TlvRecord PERSISTED =
            new TlvRecord(OnionMessageType.STATIC_INVOICE_PERSISTED.tlvType(), new byte[0]);

    private final PrivateKey serverKey = PrivateKey.random();
    private final PrivateKey walletKey = PrivateKey.random();
    private final NodeIdentity wallet = NodeIdentity.of(walletKey);

    @BeforeEach
    void emptyMailboxAndAWalletThatConnectedBefore() {
        MailboxDatabase.clear();
        MailboxDatabase.known(wallet.nodeId());
    }

    private RoutedNode startServer() throws InterruptedException {
        return RoutedNode.withMailboxFor(serverKey, GatewayTestSupport.settings(Map.of()),
                (gateway, metrics) -> new PostgresMailbox(MailboxDatabase.dataSource(),
                        GatewayTestSupport.properties(Map.of()), gateway.peers(), metrics,
                        Set.of(), NodeIdentity.of(serverKey).onionMessageBuilder(UnblindingCache.none(serverKey))),
                new JdbcPeerAddressBook(List.of(), MailboxDatabase.dataSource(), Runnable::run, 100, Duration.ZERO),
                (message, responder) -> { });
    }

    private RoutedNode startWallet() throws InterruptedException {
        return new RoutedNode(walletKey, GatewayTestSupport.settings(Map.of()), new RoutedNode.MemoryMailbox(),
                new RoutedNode.MemoryAddressBook(), (message, responder) -> { });
    }

    /** The wallet's path as LDK recipients build it through their server: server (forward) -> wallet. */
    private BlindedMessagePath walletPathThroughServer(String pathId) {
        return BlindedPathFactory.create(List.of(BlindedPathFactory.ForwardNode.of(serverKey.publicKey())),
                wallet.nodeId().key(), 0, wallet.receiveAuthKey(),
                EncryptedData.receiveWithPathId(pathId.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void messagesForAnOfflineWalletWaitAndArriveInOrderWhenItConnects() throws Exception {
        try (RoutedNode server = startServer(); RoutedNode payer = RoutedNode.start(new RoutedNode.MemoryMailbox())) {
            payer.connectTo(server);
            assertThat(payer.sender.send(walletPathThroughServer("held-htlc"), HELD_HTLC_AVAILABLE, Optional.empty())
                    .get(5, TimeUnit.SECONDS)).as("written to the server").isEqualTo(Delivery.SENT);
            await(WAIT, "the server relays it into the mailbox", () -> MailboxDatabase.count() == 1);
            assertThat(server.sender.send(walletPathThroughServer("persisted"), PERSISTED, Optional.empty())
                    .get(5, TimeUnit.SECONDS)).as("sent by the server itself").isEqualTo(Delivery.STORED);
            assertThat(MailboxDatabase.count()).isEqualTo(2);
            List<Map.Entry<Boolean, Integer>> rows = JdbcClient.create(MailboxDatabase.dataSource())
                    .sql("select unbuilt, octet_length(message) from sis.mailbox_message order by id")
                    .query((rs, row) -> Map.entry(rs.getBoolean(1), rs.getInt(2))).list();
            assertThat(rows.get(0).getKey()).as("a relayed onion is kept as it came").isFalse();
            assertThat(rows.get(0).getValue()).isGreaterThan(1300);
            assertThat(rows.get(1).getKey()).as("our own message is kept unbuilt").isTrue();
            assertThat(rows.get(1).getValue()).isLessThan(400);

            try (RoutedNode online = startWallet()) {
                online.connectTo(server);
                RoutedNode.Delivered first = online.received.poll(10, TimeUnit.SECONDS);
                RoutedNode.Delivered second = online.received.poll(10, TimeUnit.SECONDS);
                assertThat(first.message().message()).isEqualTo(HELD_HTLC_AVAILABLE);
                assertThat(first.pathIdText()).isEqualTo("held-htlc");
                assertThat(first.message().receivedFrom()).isEqualTo(server.id());
                assertThat(second.message().message()).isEqualTo(PERSISTED);
                assertThat(second.pathIdText()).isEqualTo("persisted");
                await(WAIT, "delivered rows deleted", () -> MailboxDatabase.count() == 0);
            }
        }
    }

    @Test
    void invoiceRequestsForwardedToAnOfflineWalletAreHeldInMemoryAndSentWhenItConnects() throws Exception {
        try (RoutedNode server = startServer()) {
            assertThat(server.sender.send(walletPathThroughServer("invoice-request"), INVOICE_REQUEST, Optional.empty())
                    .get(5, TimeUnit.SECONDS)).isEqualTo(Delivery.HELD);
            assertThat(MailboxDatabase.count()).as("no row written for it").isZero();
            assertThat(server.held.size()).isEqualTo(1);

            try (RoutedNode online = startWallet()) {
                online.connectTo(server);
                RoutedNode.Delivered delivered = online.received.poll(10, TimeUnit.SECONDS);
                assertThat(delivered.message().message()).isEqualTo(INVOICE_REQUEST);
                assertThat(delivered.pathIdText()).isEqualTo("invoice-request");
                assertThat(server.held.size()).isZero();
            }
        }
    }

    @Test
    void storedMessagesSurviveAServerRestart() throws Exception {
        try (RoutedNode server = startServer()) {
            server.sender.send(walletPathThroughServer("before-restart"), PERSISTED, Optional.empty())
                    .get(5, TimeUnit.SECONDS);
        }
        assertThat(MailboxDatabase.count()).isEqualTo(1);

        try (RoutedNode restarted = startServer(); RoutedNode online = startWallet()) {
            online.connectTo(restarted);
            RoutedNode.Delivered delivered = online.received.poll(10, TimeUnit.SECONDS);
            assertThat(delivered).isNotNull();
            assertThat(delivered.pathIdText()).isEqualTo("before-restart");
            await(WAIT, "delivered row deleted", () -> MailboxDatabase.count() == 0);
        }
    }

    @Test
    void aWalletReachableAtARememberedAddressIsConnectedToInsteadOfWaiting() throws Exception {
        try (RoutedNode online = startWallet(); RoutedNode server = startServer()) {
            NodeId walletId = online.id();
            new JdbcPeerAddressBook(List.of(), MailboxDatabase.dataSource(), Runnable::run, 100, Duration.ZERO)
                    .remember(walletId, online.gateway.boundAddress());
            assertThat(server.sender.send(walletPathThroughServer("direct"), INVOICE_REQUEST, Optional.empty())
                    .get(5, TimeUnit.SECONDS)).isEqualTo(Delivery.SENT);
            assertThat(online.received.poll(10, TimeUnit.SECONDS).pathIdText()).isEqualTo("direct");
            assertThat(MailboxDatabase.count()).isZero();
        }
    }

    @Test
    void aMessageRelayedToANodeThatNeverConnectedIsDroppedAndCountedOnce() throws Exception {
        NodeIdentity stranger = NodeIdentity.of(PrivateKey.random());
        BlindedMessagePath strangersPath = BlindedPathFactory.create(
                List.of(BlindedPathFactory.ForwardNode.of(serverKey.publicKey())), stranger.nodeId().key(), 0,
                stranger.receiveAuthKey(), EncryptedData.receiveWithPathId(new byte[] {1}));
        try (RoutedNode server = startServer(); RoutedNode payer = RoutedNode.start(new RoutedNode.MemoryMailbox())) {
            payer.connectTo(server);
            assertThat(payer.sender.send(strangersPath, HELD_HTLC_AVAILABLE, Optional.empty()).get(5, TimeUnit.SECONDS))
                    .isEqualTo(Delivery.SENT);
            await(WAIT, "the server drops it", () -> server.drops(GatewayMetrics.Drop.UNKNOWN_DESTINATION) == 1);
            assertThat(server.drops(GatewayMetrics.Drop.SEND_FAILED)).isZero();
            assertThat(MailboxDatabase.count()).isZero();
        }
    }

    @Test
    void aRelayWrittenIntoAConnectionThatThenDiesGoesToTheMailbox() throws Exception {
        try (RoutedNode server = startServer(); RoutedNode payer = RoutedNode.start(new RoutedNode.MemoryMailbox())) {
            payer.connectTo(server);
            RawPeer dying = RawPeer.connected(server.gateway, walletKey,
                    new io.staticinvoice.lightning.wire.Init(LightningGateway.FEATURES, List.of(), Optional.empty()));
            await(WAIT, "the wallet connected", () -> server.gateway.peers().isConnected(wallet.nodeId()));

            payer.sender.send(walletPathThroughServer("held-htlc"), HELD_HTLC_AVAILABLE, Optional.empty())
                    .get(5, TimeUnit.SECONDS);
            assertThat(dying.receive()).as("relayed, written").isInstanceOf(io.staticinvoice.lightning.wire.OnionMessage.class);
            assertThat(MailboxDatabase.count()).isZero();
            dying.close();

            await(WAIT, "unacknowledged, so kept for the next connection", () -> MailboxDatabase.count() == 1);
            try (RoutedNode online = startWallet()) {
                online.connectTo(server);
                RoutedNode.Delivered delivered = online.received.poll(10, TimeUnit.SECONDS);
                assertThat(delivered).isNotNull();
                assertThat(delivered.message().message()).isEqualTo(HELD_HTLC_AVAILABLE);
            }
        }
    }
}
