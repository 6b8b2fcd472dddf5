package io.staticinvoice.gateway;

import io.staticinvoice.lightning.codec.TlvStream;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.wire.ChainHash;
import io.staticinvoice.lightning.wire.ErrorMessage;
import io.staticinvoice.lightning.wire.Feature;
import io.staticinvoice.lightning.wire.Features;
import io.staticinvoice.lightning.wire.Init;
import io.staticinvoice.lightning.wire.LightningMessage;
import io.staticinvoice.lightning.wire.NodeId;
import io.staticinvoice.lightning.wire.OnionMessage;
import io.staticinvoice.lightning.wire.Ping;
import io.staticinvoice.lightning.wire.Pong;
import io.staticinvoice.lightning.wire.UnknownMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.staticinvoice.gateway.GatewayTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

/** The peer stages together over real sockets ({@link PeerPipeline}), BOLT 1 peer behaviour: init rules, ping/pong, odd/even, limits on incoming and pacing of outgoing onion messages. */
class PeerPipelineTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    /** The init features LDK 0.2.5's ChannelManager + OnionMessenger send (channelmanager.rs provided_init_features). */
    private static final Features LDK_FEATURES = Features.empty()
            .withRequired(Feature.DATA_LOSS_PROTECT).withBit(5).withRequired(Feature.VAR_ONION_OPTIN)
            .withRequired(Feature.STATIC_REMOTE_KEY).withRequired(Feature.PAYMENT_SECRET).withBit(17).withBit(19)
            .withBit(25).withBit(27).withOptional(Feature.ONION_MESSAGES).withBit(43)
            .withRequired(Feature.CHANNEL_TYPE).withBit(47).withBit(51).withBit(35).withBit(63);

    private static Init init(Features features, List<ChainHash> networks) {
        return new Init(features, networks, Optional.empty());
    }

    private static Peer peerAt(GatewayTestSupport.Node node, RawPeer raw) throws InterruptedException {
        NodeId id = new NodeId(raw.key.publicKey());
        await(WAIT, "peer registered", () -> node.gateway().peers().isConnected(id));
        return node.gateway().peers().get(id).orElseThrow();
    }

    @Test
    void acceptsTheFeaturesOfAnLdkNodeAndSendsOursWithTheChain() throws Exception {
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(Map.of())) {
            RawPeer raw = RawPeer.connect(node.gateway().boundAddress());
            raw.handshake(node.gateway().nodeId());
            Init ours = (Init) raw.receive();
            assertThat(ours.features()).isEqualTo(LightningGateway.FEATURES);
            assertThat(ours.features().supports(Feature.ONION_MESSAGES)).isTrue();
            assertThat(ours.networks()).containsExactly(ChainHash.BITCOIN);
            assertThat(ours.remoteAddress()).as("loopback is private, so not echoed").isEmpty();
            assertThat(LDK_FEATURES.requiredBitsMissingFrom(ours.features())).isEmpty();

            raw.send(init(LDK_FEATURES, List.of(ChainHash.BITCOIN)));
            Peer peer = peerAt(node, raw);
            assertThat(peer.features()).isEqualTo(LDK_FEATURES);
            raw.close();
        }
    }

    @Test
    void peersWithoutOnionMessagesAreWarnedAndDisconnected() throws Exception {
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(Map.of());
             RawPeer raw = RawPeer.connected(node.gateway(), PrivateKey.random(),
                     init(Features.empty().withOptional(Feature.VAR_ONION_OPTIN), List.of()))) {
            LightningMessage warning = raw.receive();
            assertThat(warning).isInstanceOf(ErrorMessage.class);
            assertThat(((ErrorMessage) warning).level()).isEqualTo(ErrorMessage.Level.WARNING);
            assertThat(((ErrorMessage) warning).printableData()).contains("option_onion_messages");
            assertThat(raw.awaitClosed(WAIT)).isTrue();
            assertThat(node.disconnects(GatewayMetrics.Disconnect.NO_ONION_MESSAGES)).isEqualTo(1);
            assertThat(node.gateway().peers().size()).isZero();
        }
    }

    @Test
    void peersRequiringUnknownFeaturesAreDisconnected() throws Exception {
        Features unknownRequired = LightningGateway.FEATURES.withBit(100);
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(Map.of());
             RawPeer raw = RawPeer.connected(node.gateway(), PrivateKey.random(), init(unknownRequired, List.of()))) {
            assertThat(raw.receive()).isInstanceOf(ErrorMessage.class);
            assertThat(raw.awaitClosed(WAIT)).isTrue();
            assertThat(node.disconnects(GatewayMetrics.Disconnect.INCOMPATIBLE_FEATURES)).isEqualTo(1);
        }
    }

    @Test
    void peersOnOtherChainsAreDisconnected() throws Exception {
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(Map.of());
             RawPeer raw = RawPeer.connected(node.gateway(), PrivateKey.random(),
                     init(LightningGateway.FEATURES, List.of(ChainHash.TESTNET, ChainHash.SIGNET)))) {
            assertThat(raw.receive()).isInstanceOf(ErrorMessage.class);
            assertThat(raw.awaitClosed(WAIT)).isTrue();
            assertThat(node.disconnects(GatewayMetrics.Disconnect.INCOMPATIBLE_CHAIN)).isEqualTo(1);
        }
    }

    @Test
    void aFirstMessageOtherThanInitCloses() throws Exception {
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(Map.of());
             RawPeer raw = RawPeer.connect(node.gateway().boundAddress())) {
            raw.handshake(node.gateway().nodeId(), new Ping(1, 0));
            assertThat(raw.receive()).isInstanceOf(Init.class);
            assertThat(raw.awaitClosed(WAIT)).isTrue();
            assertThat(node.disconnects(GatewayMetrics.Disconnect.NO_INIT)).isEqualTo(1);
        }
    }

    @Test
    void aPeerThatNeverSendsInitTimesOut() throws Exception {
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(Map.of("sis.lightning.handshake-timeout", "300ms"));
             RawPeer raw = RawPeer.connect(node.gateway().boundAddress())) {
            raw.handshake(node.gateway().nodeId());
            assertThat(raw.awaitClosed(WAIT)).isTrue();
            assertThat(node.disconnects(GatewayMetrics.Disconnect.NO_INIT)).isEqualTo(1);
        }
    }

    @Test
    void answersPingsAtOnceAndIgnoresThoseAskingTooMuch() throws Exception {
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(Map.of());
             RawPeer raw = RawPeer.connected(node.gateway(), LightningGateway.FEATURES)) {
            raw.send(new Ping(Ping.NO_PONG_THRESHOLD, 0));
            raw.send(new Ping(300, 12));
            assertThat(raw.receive()).isEqualTo(new Pong(300));
        }
    }

    @Test
    void ignoresUnknownOddMessagesAndWarningsButClosesOnUnknownEvenOnes() throws Exception {
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(Map.of());
             RawPeer raw = RawPeer.connected(node.gateway(), LightningGateway.FEATURES)) {
            raw.send(new UnknownMessage(0x8001, new byte[] {1, 2}));
            raw.send(ErrorMessage.of(ErrorMessage.Level.WARNING, "just saying"));
            raw.send(new Ping(1, 0));
            assertThat(raw.receive()).isEqualTo(new Pong(1));

            raw.send(new UnknownMessage(0x8000, new byte[0]));
            assertThat(raw.awaitClosed(WAIT)).isTrue();
            assertThat(node.disconnects(GatewayMetrics.Disconnect.UNKNOWN_EVEN_MESSAGE)).isEqualTo(1);
        }
    }

    @Test
    void anErrorFromThePeerClosesTheConnection() throws Exception {
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(Map.of());
             RawPeer raw = RawPeer.connected(node.gateway(), LightningGateway.FEATURES)) {
            peerAt(node, raw);
            raw.send(ErrorMessage.of(ErrorMessage.Level.ERROR, "bye"));
            assertThat(raw.awaitClosed(WAIT)).isTrue();
            assertThat(node.disconnects(GatewayMetrics.Disconnect.PEER_ERROR)).isEqualTo(1);
            await(WAIT, "peer unregistered", () -> node.gateway().peers().size() == 0);
        }
    }

    @Test
    void aPeerThatStopsAnsweringPingsIsDisconnected() throws Exception {
        Map<String, String> settings = Map.of("sis.lightning.ping-interval", "100ms", "sis.lightning.pong-timeout", "200ms");
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(settings);
             RawPeer deaf = RawPeer.connected(node.gateway(), LightningGateway.FEATURES)) {
            assertThat(deaf.receive()).isInstanceOf(Ping.class);
            assertThat(deaf.awaitClosed(WAIT)).isTrue();
            assertThat(node.disconnects(GatewayMetrics.Disconnect.PONG_TIMEOUT)).isEqualTo(1);
        }
    }

    @Test
    void aSecondConnectionOfTheSameNodeReplacesTheFirst() throws Exception {
        PrivateKey key = PrivateKey.random();
        Init init = init(LightningGateway.FEATURES, List.of());
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(Map.of());
             RawPeer first = RawPeer.connected(node.gateway(), key, init)) {
            Peer firstPeer = peerAt(node, first);
            try (RawPeer second = RawPeer.connected(node.gateway(), key, init)) {
                assertThat(first.awaitClosed(WAIT)).isTrue();
                await(WAIT, "second registered", () -> node.gateway().peers().get(firstPeer.nodeId())
                        .filter(peer -> peer != firstPeer).isPresent());
                assertThat(node.disconnects(GatewayMetrics.Disconnect.REPLACED)).isEqualTo(1);
                second.send(new Ping(1, 0));
                assertThat(second.receive()).isEqualTo(new Pong(1));
            }
        }
    }

    @Test
    void aFloodOfOnionMessagesIsRateLimitedAndTheServerKeepsServing() throws Exception {
        Map<String, String> settings = Map.of("sis.lightning.onion-message-rate.per-second", "0.01",
                "sis.lightning.onion-message-rate.burst", "5");
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(settings);
             RawPeer flooder = RawPeer.connected(node.gateway(), LightningGateway.FEATURES)) {
            for (int i = 0; i < 50; i++) {
                flooder.send(LightningGatewayTest.onionMessage(1366));
            }
            flooder.send(new Ping(1, 0));
            assertThat(flooder.receive()).isEqualTo(new Pong(1));
            assertThat(node.drops(GatewayMetrics.Drop.RATE_LIMITED)).isEqualTo(45);
            await(WAIT, "the burst is processed", () -> node.received().size() == 5);

            try (RawPeer polite = RawPeer.connected(node.gateway(), LightningGateway.FEATURES)) {
                polite.send(LightningGatewayTest.onionMessage(1366));
                polite.send(new Ping(2, 0));
                assertThat(polite.receive()).isEqualTo(new Pong(2));
                NodeId politeId = new NodeId(polite.key.publicKey());
                await(WAIT, "the other peer's message is processed",
                        () -> node.received().stream().anyMatch(r -> r.from().nodeId().equals(politeId)));
            }
        }
    }

    /** A test gateway whose single worker blocks on each message until {@code release} opens, telling {@code busy} first. */
    private static GatewayTestSupport.Node blockingWorker(Map<String, String> overrides, CountDownLatch busy,
                                                          CountDownLatch release) throws InterruptedException {
        Map<String, String> settings = new java.util.HashMap<>(overrides);
        settings.put("sis.lightning.worker-threads", "1");
        return GatewayTestSupport.start(settings, (from, message) -> {
            busy.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Test
    void aFullWorkerPoolDropsAndCounts() throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (GatewayTestSupport.Node node = blockingWorker(Map.of("sis.lightning.worker-queue-capacity", "1"), busy, release);
             RawPeer raw = RawPeer.connected(node.gateway(), LightningGateway.FEATURES)) {
            raw.send(LightningGatewayTest.onionMessage(1366));
            assertThat(busy.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 9; i++) {
                raw.send(LightningGatewayTest.onionMessage(1366));
            }
            raw.send(new Ping(1, 0));
            assertThat(raw.receive()).as("the event loop is not blocked").isEqualTo(new Pong(1));
            assertThat(node.drops(GatewayMetrics.Drop.WORKER_POOL_FULL)).isEqualTo(8);
            release.countDown();
            await(WAIT, "the two accepted messages are processed", () -> node.received().size() == 2);
        }
    }

    @Test
    void aPeerFloodingTheWorkersLosesOnlyItsOwnMessages() throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Map<String, String> settings = Map.of("sis.lightning.worker-queue-capacity", "16",
                "sis.lightning.worker-queue-per-peer", "8", "sis.lightning.onion-message-rate.burst", "1000");
        try (GatewayTestSupport.Node node = blockingWorker(settings, busy, release);
             RawPeer flooder = RawPeer.connected(node.gateway(), LightningGateway.FEATURES);
             RawPeer polite = RawPeer.connected(node.gateway(), LightningGateway.FEATURES)) {
            flooder.send(LightningGatewayTest.onionMessage(1366));
            assertThat(busy.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 100; i++) {
                flooder.send(LightningGatewayTest.onionMessage(1366));
            }
            flooder.send(new Ping(1, 0));
            assertThat(flooder.receive()).isEqualTo(new Pong(1));
            assertThat(node.drops(GatewayMetrics.Drop.PEER_WORKER_QUEUE_FULL)).as("all but its own 8").isEqualTo(92);
            for (int i = 0; i < 8; i++) {
                polite.send(LightningGatewayTest.onionMessage(1366));
            }
            polite.send(new Ping(2, 0));
            assertThat(polite.receive()).isEqualTo(new Pong(2));
            release.countDown();
            NodeId politeId = new NodeId(polite.key.publicKey());
            await(WAIT, "every message of the other peer is processed",
                    () -> node.received().stream().filter(r -> r.from().nodeId().equals(politeId)).count() == 8);
            assertThat(node.drops(GatewayMetrics.Drop.WORKER_POOL_FULL)).isZero();
        }
    }

    @Test
    void outgoingOnionMessagesArePacedByPongs() throws Exception {
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(Map.of("sis.lightning.max-messages-in-flight", "4"));
             RawPeer raw = RawPeer.connected(node.gateway(), LightningGateway.FEATURES)) {
            Peer peer = peerAt(node, raw);
            List<CompletableFuture<Void>> sends = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                sends.add(peer.send(LightningGatewayTest.onionMessage(1366)));
            }
            for (int burst : new int[] {4, 4}) {
                for (int i = 0; i < burst; i++) {
                    assertThat(raw.receive()).isInstanceOf(OnionMessage.class);
                }
                assertThat(raw.receive()).as("a ping after each full burst").isInstanceOf(Ping.class);
                raw.send(new Pong(0));
            }
            assertThat(raw.receive()).isInstanceOf(OnionMessage.class);
            assertThat(raw.receive()).isInstanceOf(OnionMessage.class);
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void largeOnionMessagesArePacedByBytesInFlight() throws Exception {
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(Map.of("sis.lightning.max-bytes-in-flight", "70KB"));
             RawPeer raw = RawPeer.connected(node.gateway(), LightningGateway.FEATURES)) {
            Peer peer = peerAt(node, raw);
            for (int i = 0; i < 3; i++) {
                peer.send(LightningGatewayTest.onionMessage(32834));
            }
            assertThat(raw.receive()).isInstanceOf(OnionMessage.class);
            assertThat(raw.receive()).isInstanceOf(OnionMessage.class);
            assertThat(raw.receive()).as("two 32 KiB messages fill 70 KB").isInstanceOf(Ping.class);
            raw.send(new Pong(0));
            assertThat(raw.receive()).isInstanceOf(OnionMessage.class);
        }
    }

    @Test
    void aFullSendQueueDropsAndCounts() throws Exception {
        Map<String, String> settings = Map.of("sis.lightning.max-messages-in-flight", "1",
                "sis.lightning.max-queued-bytes-per-peer", "100KB");
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(settings);
             RawPeer raw = RawPeer.connected(node.gateway(), LightningGateway.FEATURES)) {
            Peer peer = peerAt(node, raw);
            List<CompletableFuture<Void>> sends = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                sends.add(peer.send(LightningGatewayTest.onionMessage(32834)));
            }
            await(WAIT, "two sends refused", () -> sends.stream().filter(CompletableFuture::isCompletedExceptionally).count() == 2);
            assertThat(node.drops(GatewayMetrics.Drop.PEER_QUEUE_FULL)).isEqualTo(2);
            raw.close();
            await(WAIT, "queued sends fail when the peer goes",
                    () -> sends.stream().filter(CompletableFuture::isCompletedExceptionally).count() == 5);
        }
    }

    @Test
    void aBatchIsQueuedWholeOrNotAtAllAndAnEmptyQueueTakesAnyBatch() throws Exception {
        Map<String, String> settings = Map.of("sis.lightning.max-messages-in-flight", "1",
                "sis.lightning.max-queued-bytes-per-peer", "100KB");
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(settings);
             RawPeer raw = RawPeer.connected(node.gateway(), LightningGateway.FEATURES)) {
            Peer peer = peerAt(node, raw);
            List<OnionMessage> fourLarge = List.of(LightningGatewayTest.onionMessage(32834),
                    LightningGatewayTest.onionMessage(32834), LightningGatewayTest.onionMessage(32834),
                    LightningGatewayTest.onionMessage(32834));

            List<CompletableFuture<Void>> first = peer.sendAll(fourLarge).written();
            List<CompletableFuture<Void>> second = peer.sendAll(fourLarge.subList(0, 2)).written();

            await(WAIT, "the second batch refused", () -> second.stream().allMatch(CompletableFuture::isDone));
            assertThat(second).allMatch(CompletableFuture::isCompletedExceptionally);
            assertThat(first).as("131 KB over a 100 KB queue, taken whole as the queue was empty")
                    .noneMatch(CompletableFuture::isCompletedExceptionally);
            assertThat(node.drops(GatewayMetrics.Drop.PEER_QUEUE_FULL)).as("the caller keeps a refused batch").isZero();
            assertThat(raw.receiveOnionMessages(4)).containsExactlyElementsOf(fourLarge);
        }
    }

    @Test
    void aBatchCountsAsSentOnlyOnceAPongAcknowledgesIt() throws Exception {
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(Map.of());
             RawPeer raw = RawPeer.connected(node.gateway(), LightningGateway.FEATURES)) {
            Peer peer = peerAt(node, raw);
            List<OnionMessage> batch = List.of(LightningGatewayTest.onionMessage(1366),
                    LightningGatewayTest.onionMessage(1366));

            Peer.BatchSends batchSends = peer.sendAll(batch);
            List<CompletableFuture<Void>> sends = batchSends.acknowledged();

            assertThat(raw.receive()).isEqualTo(batch.get(0));
            assertThat(raw.receive()).isEqualTo(batch.get(1));
            LightningMessage ping = raw.receive();
            assertThat(ping).as("a ping follows the batch").isInstanceOf(Ping.class);
            await(WAIT, "written", () -> batchSends.written().stream().allMatch(CompletableFuture::isDone));
            assertThat(sends).as("written, not yet acknowledged").noneMatch(CompletableFuture::isDone);
            raw.send(new Pong(((Ping) ping).numPongBytes()));
            await(WAIT, "acknowledged", () -> sends.stream().allMatch(CompletableFuture::isDone));
            assertThat(sends).noneMatch(CompletableFuture::isCompletedExceptionally);
        }
    }

    @Test
    void anUnacknowledgedBatchFailsWhenTheConnectionCloses() throws Exception {
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(Map.of())) {
            RawPeer raw = RawPeer.connected(node.gateway(), LightningGateway.FEATURES);
            Peer peer = peerAt(node, raw);
            List<CompletableFuture<Void>> sends = peer.sendAll(List.of(LightningGatewayTest.onionMessage(1366))).acknowledged();
            assertThat(raw.receive()).isInstanceOf(OnionMessage.class);

            raw.close();

            Throwable failure = sends.get(0).handle((written, error) -> error).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(PeerUnavailableException.reasonOf(failure)).contains(PeerUnavailableException.Reason.DISCONNECTED);
        }
    }

    /** Sends {@code count} pings asking for the largest pong from a thread of its own, ignoring a closed connection. */
    private static Thread pingFlood(RawPeer greedy, int count) {
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < count; i++) {
                    greedy.send(new Ping(65531, 0));
                }
            } catch (java.io.IOException closed) {
                // the gateway disconnected it, or the test closed it
            }
        });
        writer.setDaemon(true);
        writer.start();
        return writer;
    }

    @Test
    void aPeerThatFloodsPingsAndNeverReadsIsDisconnectedWhileOthersAreServed() throws Exception {
        // the default burst (20), refilled too slowly to matter within the test
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(Map.of("sis.lightning.ping-refill", "1h"));
             RawPeer polite = RawPeer.connected(node.gateway(), LightningGateway.FEATURES);
             RawPeer greedy = RawPeer.connected(node.gateway(), LightningGateway.FEATURES)) {
            peerAt(node, greedy);
            Thread writer = pingFlood(greedy, 2_000);
            await(WAIT, "the flooder is disconnected", () -> node.disconnects(GatewayMetrics.Disconnect.PING_FLOOD) == 1);
            assertThat(greedy.awaitClosed(WAIT)).isTrue();
            assertThat(node.messagesOut("pong")).as("at most the ping burst, of 2000").isLessThanOrEqualTo(20);
            await(WAIT, "every queued pong released", () -> node.gauge(GatewayMetrics.OUTBOUND_BYTES) == 0);
            polite.send(new Ping(7, 0));
            assertThat(polite.receive()).isEqualTo(new Pong(7));
            writer.join(WAIT.toMillis());
        }
    }

    @Test
    void pongsStopAtTheWriteHighWaterMarkWhileThePeerDoesNotRead() throws Exception {
        long highWaterMark = 64 * 1024;
        long largestPong = 65531 + 38;
        Map<String, String> settings = Map.of("sis.lightning.ping-burst", "100000",
                "sis.lightning.max-outbound-bytes-per-peer", "64KB");
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(settings);
             RawPeer greedy = RawPeer.connected(node.gateway(), LightningGateway.FEATURES)) {
            peerAt(node, greedy);
            Thread writer = pingFlood(greedy, 5_000);
            await(WAIT, "pings go unanswered once the connection is unwritable",
                    () -> node.unansweredPings(GatewayMetrics.UnansweredPing.NOT_WRITABLE) > 0);
            assertThat(node.gauge(GatewayMetrics.OUTBOUND_BYTES)).as("queued: at most the high-water mark and one pong")
                    .isLessThanOrEqualTo(highWaterMark + largestPong);
            try (RawPeer other = RawPeer.connected(node.gateway(), LightningGateway.FEATURES)) {
                other.send(new Ping(1, 0));
                assertThat(other.receive()).isEqualTo(new Pong(1));
            }
            greedy.close();
            writer.join(WAIT.toMillis());
            await(WAIT, "every queued pong released", () -> node.gauge(GatewayMetrics.OUTBOUND_BYTES) == 0);
        }
    }

    @Test
    void pongsOfAllPeersStayWithinTheOutboundBudget() throws Exception {
        long budget = 200 * 1024;
        Map<String, String> settings = Map.of("sis.lightning.ping-burst", "100000",
                "sis.lightning.max-outbound-bytes-total", "200KB");
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(settings)) {
            List<RawPeer> greedy = new ArrayList<>();
            List<Thread> writers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                RawPeer peer = RawPeer.connected(node.gateway(), LightningGateway.FEATURES);
                peerAt(node, peer);
                greedy.add(peer);
                writers.add(pingFlood(peer, 5_000));
            }
            await(WAIT, "pings go unanswered once the budget is spent",
                    () -> node.unansweredPings(GatewayMetrics.UnansweredPing.OUTBOUND_BUDGET) > 0);
            assertThat(node.gauge(GatewayMetrics.OUTBOUND_BYTES)).isLessThanOrEqualTo(budget);
            try (RawPeer other = RawPeer.connected(node.gateway(), LightningGateway.FEATURES)) {
                other.send(new Ping(0, 0));
                assertThat(other.receive()).as("an empty pong still fits").isEqualTo(new Pong(0));
            }
            for (RawPeer peer : greedy) {
                peer.close();
            }
            for (Thread writer : writers) {
                writer.join(WAIT.toMillis());
            }
            await(WAIT, "every queued pong released", () -> node.gauge(GatewayMetrics.OUTBOUND_BYTES) == 0);
        }
    }

    @Test
    void onionMessageExtensionsSurviveTheWire() throws Exception {
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(Map.of());
             RawPeer raw = RawPeer.connected(node.gateway(), LightningGateway.FEATURES)) {
            OnionMessage withExtension = new OnionMessage(PrivateKey.random().publicKey(), new byte[1366],
                    TlvStream.builder().add(101, new byte[] {9}).build());
            raw.send(withExtension);
            GatewayTestSupport.Received received = node.received().poll(5, TimeUnit.SECONDS);
            assertThat(received.message()).isEqualTo(withExtension);
        }
    }
}
