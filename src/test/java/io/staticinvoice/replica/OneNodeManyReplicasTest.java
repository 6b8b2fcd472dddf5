package io.staticinvoice.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.staticinvoice.admin.TestApiKeys;
import io.staticinvoice.check.AdminClient;
import io.staticinvoice.check.ClientNode;
import io.staticinvoice.check.Payer;
import io.staticinvoice.check.Wallet.OfferPathsAnswer;
import io.staticinvoice.gateway.GatewayMetrics;
import io.staticinvoice.gateway.GatewayTestSupport;
import io.staticinvoice.gateway.LightningGateway;
import io.staticinvoice.gateway.NodeIdentity;
import io.staticinvoice.gateway.Peer;
import io.staticinvoice.gateway.ReceivedMessage;
import io.staticinvoice.lightning.asyncpay.HeldHtlcAvailable;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.offers.Offer;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.onion.OnionMessageBuilder;
import io.staticinvoice.lightning.onion.OnionMessageSendException;
import io.staticinvoice.lightning.onion.OnionMessageType;
import io.staticinvoice.lightning.onion.OutboundOnionMessage;
import io.staticinvoice.lightning.wire.NodeId;
import io.staticinvoice.lightning.wire.OnionMessage;
import io.staticinvoice.load.LoadRecorder;
import io.staticinvoice.load.PayerConnection;
import io.staticinvoice.load.RecipientSetup;
import io.staticinvoice.load.RecipientSetup.ReadyRecipient;
import io.staticinvoice.reference.ReferenceRecipient;
import io.staticinvoice.server.RecipientService;
import io.staticinvoice.server.RecipientService.Registration;
import io.staticinvoice.server.RecipientService.RegistrationRequest;
import io.staticinvoice.support.NodeReplicas;
import io.staticinvoice.support.NodeReplicas.ReadinessChange;
import io.staticinvoice.support.NodeReplicas.Replica;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Three replicas of one node (one node key, one database) behind a round-robin TCP balancer, with
 * a configured peer: whatever replica a wallet or payer lands on, the node behaves as one. Mail for
 * a wallet on another replica reaches it within a second by notification (the mailbox poll interval
 * is an hour here); when a replica dies, its configured peer is dialled by another within the
 * lease time and its wallet, reconnecting, gets everything that came for it meanwhile; and a
 * rolling restart of all three under load (payers that retry and reconnect as LDK's do) leaves no
 * payment without its invoice and loses no mail the node acknowledged. The replicas are shared by
 * the tests, each of which starts with three.
 */
class OneNodeManyReplicasTest {

    private static final int REPLICAS = 3;
    private static final Duration LEASE_TTL = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration WITHIN = Duration.ofSeconds(1);
    /** Beyond the lease time and a renewal period, for the survivor to dial on a loaded machine. */
    private static final Duration DIAL_ALLOWANCE = Duration.ofSeconds(2);
    /** An odd TLV type of our own in held_htlc_available, numbering the messages so that each is told apart. */
    private static final long SEQUENCE_TLV = 1_000_001;
    /** The load during the rolling restart: payments per second over all payers (two invoice_requests each). */
    private static final double LOAD_RATE = 8;
    private static final int LOAD_PAYERS = 4;
    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration MAIL_PERIOD = Duration.ofMillis(250);
    private static final Logger log = LoggerFactory.getLogger(OneNodeManyReplicasTest.class);

    private static LightningGateway configuredPeer;
    private static NodeReplicas node;

    @BeforeAll
    static void startThreeReplicasWithAConfiguredPeer() throws Exception {
        configuredPeer = new LightningGateway(PrivateKey.random(), GatewayTestSupport.settings(Map.of()),
                new GatewayMetrics(new SimpleMeterRegistry()));
        configuredPeer.start((from, message) -> { });
        node = NodeReplicas.start(REPLICAS, Map.of(
                "sis.lightning.peers", configuredPeer.nodeId().hex() + "@127.0.0.1:"
                        + configuredPeer.boundAddress().getPort(),
                "sis.replicas.peer-lease-ttl", LEASE_TTL.toMillis() + "ms",
                "sis.replicas.heartbeat-ttl", LEASE_TTL.toMillis() + "ms",
                "sis.mailbox.poll-interval", "1h",
                "sis.rate-limit.request-burst", "1000",
                "sis.rate-limit.request-refill", "1ms"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (configuredPeer != null) {
            configuredPeer.stop();
        }
    }

    @BeforeEach
    void threeReplicas() {
        while (node.replicas().size() < REPLICAS) {
            node.add();
        }
    }

    @Test
    void aWalletOnOneReplicaGetsTheRequestForwardedByASecondAndTheHtlcRelayedByAThirdWithinASecond()
            throws Exception {
        try (ReferenceRecipient wallet = new ReferenceRecipient(PrivateKey.random());
             Payer forwarding = new Payer(PrivateKey.random(), "bitcoin");
             Payer relaying = new Payer(PrivateKey.random(), "bitcoin")) {
            Replica a = connect(wallet, any -> true);
            Handover handover = handOver(wallet, a);
            Replica b = connect(forwarding, replica -> replica != a);
            connect(relaying, replica -> replica != a && replica != b);
            awaitKnown(wallet.id());

            // Round 0 runs each replica's relay code for the first time (class loading, compilation): not timed.
            for (int round = 0; round <= 3; round++) {
                var request = forwarding.invoiceRequest(handover.offer());
                long sent = System.nanoTime();
                forwarding.request(handover.offer(), request, true);
                awaitMessage(wallet, new TlvRecord(OnionMessageType.INVOICE_REQUEST.tlvType(), request.bytes()));
                Duration forwarded = since(sent);

                TlvRecord held = heldHtlcAvailable(round);
                sent = System.nanoTime();
                relaying.send(handover.messagePath(), held, Optional.of(relaying.pathThrough(List.of(), "release")));
                awaitMessage(wallet, held);
                Duration relayed = since(sent);

                log.info("Round {}: invoice_request forwarded by another replica in {} ms, held_htlc_available relayed "
                        + "by a third in {} ms", round, forwarded.toMillis(), relayed.toMillis());
                if (round == 0) {
                    continue;
                }
                assertThat(forwarded).as("invoice_request forwarded by another replica, round %d", round)
                        .isLessThanOrEqualTo(WITHIN);
                assertThat(relayed).as("held_htlc_available relayed by a third replica, round %d", round)
                        .isLessThanOrEqualTo(WITHIN);
            }
        }
    }

    @Test
    void whenTheReplicaHoldingTheConfiguredPeerAndAWalletDiesAnotherTakesOverAndNothingIsLost() throws Exception {
        NodeId peer = configuredPeer.nodeId();
        Replica holder = await().atMost(WAIT).until(() -> node.holding(peer), Optional::isPresent).orElseThrow();
        assertThat(node.replicas().stream().filter(replica -> replica.gateway().peers().isConnected(peer)))
                .as("replicas connected to the configured peer").hasSize(1);
        int mail = 4;
        try (ReferenceRecipient wallet = new ReferenceRecipient(PrivateKey.random());
             Payer payer = new Payer(PrivateKey.random(), "bitcoin")) {
            connect(wallet, replica -> replica == holder);
            Handover handover = handOver(wallet, holder);
            awaitKnown(wallet.id());

            String holderId = holder.bean(ReplicaHeartbeat.class).id();
            long killed = System.nanoTime();
            node.kill(holder);
            await().atMost(WAIT).until(() -> node.holding(peer).isPresent() && configuredPeer.peers().isConnected(node.nodeId()));
            Duration takeover = since(killed);
            log.info("Configured peer dialled by another replica {} ms after the kill (lease time {} ms)",
                    takeover.toMillis(), LEASE_TTL.toMillis());
            assertThat(takeover).as("configured peer dialled again after the kill")
                    .isLessThanOrEqualTo(LEASE_TTL.plus(LEASE_TTL.dividedBy(3)).plus(DIAL_ALLOWANCE));

            // Until its heartbeat expires the others still take the dead replica for live and would
            // hand it the wallet's forwarded invoice_requests (README, "Scaling": a crash loses
            // those for up to sis.replicas.heartbeat-ttl); the test's mail starts after that.
            await().atMost(WAIT).until(() -> node.replicas().stream().filter(replica -> replica != holder)
                    .noneMatch(replica -> replica.bean(ReplicaHeartbeat.class).isLive(holderId)));
            connect(payer, any -> true);
            List<TlvRecord> sentToWallet = new ArrayList<>();
            int served = 0;
            for (int i = 0; i < mail; i++) {
                var request = payer.invoiceRequest(handover.offer());
                payer.request(handover.offer(), request, true);
                Optional<byte[]> invoice = payer.staticInvoice(WAIT);
                if (invoice.isPresent() && Arrays.equals(invoice.get(), handover.invoice())) {
                    served++;
                }
                sentToWallet.add(new TlvRecord(OnionMessageType.INVOICE_REQUEST.tlvType(), request.bytes()));
                TlvRecord held = heldHtlcAvailable(i);
                payer.send(handover.messagePath(), held, Optional.of(payer.pathThrough(List.of(), "release")));
                sentToWallet.add(held);
            }
            assertThat(served).as("payments answered with the invoice confirmed before the kill").isEqualTo(mail);

            wallet.close();
            connect(wallet, any -> true);
            assertThat(receive(wallet, sentToWallet)).as("mail delivered after reconnecting").isEqualTo(2 * mail);
        }
    }

    @Test
    void aRollingRestartUnderLoadLeavesNoPaymentWithoutAnInvoiceAndLosesNoMail() throws Exception {
        Replica first = node.replicas().get(0);
        AdminClient admin = new AdminClient(URI.create("http://127.0.0.1:" + first.httpPort()),
                TestApiKeys.OPERATOR_KEY, WAIT);
        List<ReadyRecipient> recipients = new RecipientSetup(admin, node.nodeId(), node.address(), 1).prepare(4);
        LoadRecorder recorder = new LoadRecorder(1);
        List<PayerConnection> payers = new ArrayList<>();
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        try (ReferenceRecipient wallet = new ReferenceRecipient(PrivateKey.random())) {
            Handover handover = handOver(wallet, connect(wallet, any -> true));
            awaitKnown(wallet.id());
            wallet.close();
            for (int i = 0; i < LOAD_PAYERS; i++) {
                PayerConnection payer = new PayerConnection(recipients, i, 0, 1, false, false, 4, recorder);
                payers.add(payer);
                payer.connect(node.nodeId(), node.address());
            }
            ticks.scheduleAtFixedRate(() -> payers.forEach(payer -> payer.tick(REPLY_TIMEOUT.toNanos(),
                    RETRY_AFTER.toNanos())), 200, 200, TimeUnit.MILLISECONDS);
            payers.forEach(payer -> payer.start(LOAD_RATE / LOAD_PAYERS));
            Set<Integer> acknowledged;
            LoadRecorder.Window window;
            Duration restart;
            try (HeldHtlcSender mail = new HeldHtlcSender(handover.messagePath())) {
                await().atMost(WAIT).until(() -> recorder.counts().served() >= 20);
                recorder.openWindow();
                long started = System.nanoTime();
                for (Replica old : node.replicas()) {
                    node.stop(old);
                    List<ReadinessChange> readiness = old.readiness();
                    assertThat(readiness).as("readiness of %s", old).first()
                            .isEqualTo(new ReadinessChange(ReadinessState.ACCEPTING_TRAFFIC, true));
                    assertThat(readiness.stream().filter(change -> change.state() == ReadinessState.REFUSING_TRAFFIC)
                            .findFirst()).as("%s not ready before its listener closed", old)
                            .contains(new ReadinessChange(ReadinessState.REFUSING_TRAFFIC, true));
                    node.add();
                    long served = recorder.counts().served();
                    await().atMost(WAIT).until(() -> recorder.counts().served() >= served + 20);
                }
                window = recorder.closeWindow();
                restart = since(started);
                acknowledged = mail.stop();
            }
            for (PayerConnection payer : payers) {
                payer.stop();
            }
            await().atMost(REPLY_TIMEOUT.plus(WAIT)).until(() -> payers.stream().allMatch(payer -> payer.outstanding() == 0));
            LoadRecorder.Counts total = recorder.counts();
            log.info("Rolling restart of {} replicas under load in {} ms: {} requests sent, {} answered, {} retried, "
                            + "{} late, {} unanswered (lost); during the restarts {} answered, latency p50 {} ms, p99 {} ms, "
                            + "max {} ms; {} held_htlc_available acknowledged by the node", REPLICAS, restart.toMillis(),
                    total.sent(), total.served(), total.retried(), total.late(), total.lost(),
                    window.counts().served(), window.latencies().percentile(50) / 1_000_000,
                    window.latencies().percentile(99) / 1_000_000, window.latencies().percentile(100) / 1_000_000,
                    acknowledged.size());

            assertThat(total.lost()).as("payments whose invoice_request was never answered").isZero();
            assertThat(total.verifyFailed()).as("replies that are not the recipient's invoice").isZero();
            assertThat(total.unexpected()).as("replies to no request").isZero();
            assertThat(window.counts().served()).as("answered during the restarts").isPositive();

            assertThat(acknowledged).as("held_htlc_available the node read during the restarts").hasSizeGreaterThan(5);
            connect(wallet, any -> true);
            List<TlvRecord> mail = acknowledged.stream().map(OneNodeManyReplicasTest::heldHtlcAvailable).toList();
            assertThat(receive(wallet, mail)).as("acknowledged mail delivered after the restarts").isEqualTo(mail.size());
            assertThat(node.replicas().stream()
                    .filter(replica -> replica.gateway().peers().isConnected(configuredPeer.nodeId())))
                    .as("replicas connected to the configured peer").hasSize(1);
        } finally {
            ticks.shutdownNow();
            for (PayerConnection payer : payers) {
                payer.close();
            }
        }
    }

    /**
     * Sends numbered held_htlc_available messages to a wallet through the balancer, one every
     * {@link #MAIL_PERIOD}, each until the node acknowledges it (a {@code pong} after it shows the
     * replica read it), reconnecting whenever its connection drops, as a payer's node does.
     */
    private static final class HeldHtlcSender implements AutoCloseable {

        private final PrivateKey key = PrivateKey.random();
        private final OnionMessageBuilder builder;
        private final LightningGateway gateway;
        private final BlindedMessagePath path;
        private final Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        private final AtomicInteger next = new AtomicInteger();
        private volatile CompletableFuture<?> pending = CompletableFuture.completedFuture(null);

        HeldHtlcSender(BlindedMessagePath path) throws InterruptedException {
            this.path = path;
            this.builder = new OnionMessageBuilder(key, Optional.of(NodeIdentity.of(key).receiveAuthKey()));
            this.gateway = new LightningGateway(key, GatewayTestSupport.settings(Map.of()),
                    new GatewayMetrics(new SimpleMeterRegistry()));
            gateway.start((from, message) -> { });
            timer.scheduleWithFixedDelay(this::sendNext, 0, MAIL_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        }

        private void sendNext() {
            if (!pending.isDone()) {
                return;
            }
            Optional<Peer> server = gateway.peers().get(node.nodeId());
            if (server.isEmpty()) {
                pending = gateway.connect(node.nodeId(), node.address());
                return;
            }
            int sequence = next.get();
            try {
                OutboundOnionMessage built = builder.build(List.of(), path, heldHtlcAvailable(sequence), Optional.empty());
                pending = server.get().sendAcknowledged(new OnionMessage(built.pathKey(), built.packet().encode()))
                        .thenRun(() -> {
                            acknowledged.add(sequence);
                            next.incrementAndGet();
                        });
            } catch (OnionMessageSendException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Stops sending; returns the numbers of the messages acknowledged. */
        Set<Integer> stop() throws InterruptedException {
            timer.shutdown();
            assertThat(timer.awaitTermination(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            return Set.copyOf(acknowledged);
        }

        @Override
        public void close() {
            timer.shutdownNow();
            gateway.stop();
        }
    }

    /** A held_htlc_available numbered {@code sequence} in an odd TLV of its own, which the wallet ignores. */
    private static TlvRecord heldHtlcAvailable(int sequence) {
        return new HeldHtlcAvailable(List.of(new TlvRecord(SEQUENCE_TLV,
                ByteBuffer.allocate(Integer.BYTES).putInt(sequence).array()))).toRecord();
    }

    /** What the wallet handed over and where payers send held_htlc_available. */
    private record Handover(Offer offer, byte[] invoice, BlindedMessagePath messagePath) {
    }

    /** Registers a recipient at {@code replica}, and {@code wallet} hands over an invoice for slot 0, confirmed. */
    private static Handover handOver(ReferenceRecipient wallet, Replica replica) throws Exception {
        Registration registration = replica.bean(RecipientService.class)
                .register(new RegistrationRequest(null, "replicas", null, 4), "test");
        BlindedMessagePath serverPath = BlindedMessagePath.decodeList(Hex.decode(registration.serverPathsHex())).get(0);
        OfferPathsAnswer answer = wallet.requestOfferPaths(serverPath, 0);
        Offer offer = wallet.offer(answer.offerPaths());
        BlindedMessagePath forwardPath = wallet.forwardPath(node.nodeId());
        byte[] invoice = wallet.invoice(offer, forwardPath, Instant.now()).bytes();
        wallet.serve(invoice, forwardPath, answer.serveInvoicePath());
        assertThat(wallet.confirmed(WAIT)).as("StaticInvoicePersisted").isTrue();
        return new Handover(offer, invoice, forwardPath);
    }

    /**
     * Starts {@code client} and connects it through the balancer until it lands on a replica that
     * {@code where} accepts (the balancer goes round the replicas), and returns that replica.
     */
    private static Replica connect(ClientNode client, Predicate<Replica> where) throws Exception {
        for (int attempt = 0; attempt < 2 * REPLICAS; attempt++) {
            client.start();
            client.connect(node.nodeId(), node.address());
            Replica at = await().atMost(WAIT).until(() -> node.holding(client.id()), Optional::isPresent).orElseThrow();
            if (where.test(at)) {
                return at;
            }
            client.close();
            await().atMost(WAIT).until(() -> node.holding(client.id()).isEmpty());
        }
        return fail("the balancer never led %s to the replica asked for", client.id());
    }

    /** Waits until the node recorded {@code peer} as connected (what lets other replicas keep mail for it). */
    private static void awaitKnown(NodeId peer) {
        JdbcClient jdbc = JdbcClient.create(node.replicas().get(0).bean(DataSource.class));
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from sis.known_peer where node_id = :node")
                .param("node", peer.bytes()).query(Integer.class).single() == 1);
    }

    /** Waits for {@code expected} at {@code client}, failing on any other message. */
    private static void awaitMessage(ClientNode client, TlvRecord expected) throws InterruptedException {
        assertThat(receive(client, List.of(expected))).as("message of type %d", expected.type()).isOne();
    }

    /**
     * Takes the messages arriving at {@code client} until each of {@code expected} came, in any
     * order, or {@link #WAIT} passed, and returns how many of them came. A message that is none of
     * them fails the test; one that came already may come again (the mailbox delivers at least once).
     */
    private static int receive(ClientNode client, List<TlvRecord> expected) throws InterruptedException {
        List<TlvRecord> missing = new ArrayList<>(expected);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            Optional<ReceivedMessage> next = client.next(Duration.ofNanos(deadline - System.nanoTime()));
            if (next.isEmpty()) {
                break;
            }
            TlvRecord message = next.get().message();
            missing.removeIf(waiting -> same(waiting, message));
            assertThat(expected.stream().anyMatch(sent -> same(sent, message)))
                    .as("an unexpected message of type %d", message.type()).isTrue();
        }
        return expected.size() - missing.size();
    }

    private static boolean same(TlvRecord a, TlvRecord b) {
        return a.type() == b.type() && Arrays.equals(a.value(), b.value());
    }

    private static Duration since(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime);
    }
}
