package io.staticinvoice.gateway;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.wire.Feature;
import io.staticinvoice.lightning.wire.OnionMessage;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.staticinvoice.gateway.GatewayTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two gateways in one JVM over loopback: handshake, init, onion messages, keep-alive, reconnection. */
class LightningGatewayTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    static OnionMessage onionMessage(int packetLength) {
        byte[] packet = new byte[packetLength];
        packet[0] = 0;
        packet[packetLength - 1] = 7;
        return new OnionMessage(PrivateKey.random().publicKey(), packet);
    }

    @Test
    void twoGatewaysHandshakeExchangeInitAndCarryOnionMessagesBothWays() throws Exception {
        try (GatewayTestSupport.Node alice = GatewayTestSupport.start(Map.of());
             GatewayTestSupport.Node bob = GatewayTestSupport.start(Map.of())) {
            Peer aliceAtBob = bob.gateway().connect(alice.gateway().nodeId(), alice.gateway().boundAddress())
                    .get(5, TimeUnit.SECONDS);
            await(WAIT, "alice registers bob", () -> alice.gateway().peers().isConnected(bob.gateway().nodeId()));
            Peer bobAtAlice = alice.gateway().peers().get(bob.gateway().nodeId()).orElseThrow();

            assertThat(aliceAtBob.direction()).isEqualTo(Direction.OUTBOUND);
            assertThat(bobAtAlice.direction()).isEqualTo(Direction.INBOUND);
            assertThat(aliceAtBob.features().supports(Feature.ONION_MESSAGES)).isTrue();
            assertThat(alice.messagesIn("init")).isEqualTo(1);
            assertThat(bob.messagesOut("init")).isEqualTo(1);
            assertThat(alice.meters().get(GatewayMetrics.PEERS_CONNECTED).gauge().value()).isEqualTo(1);

            OnionMessage small = onionMessage(1366);
            OnionMessage large = onionMessage(32834);
            aliceAtBob.send(small).get(5, TimeUnit.SECONDS);
            aliceAtBob.send(large).get(5, TimeUnit.SECONDS);
            bobAtAlice.send(small).get(5, TimeUnit.SECONDS);

            GatewayTestSupport.Received first = alice.received().poll(5, TimeUnit.SECONDS);
            GatewayTestSupport.Received second = alice.received().poll(5, TimeUnit.SECONDS);
            GatewayTestSupport.Received back = bob.received().poll(5, TimeUnit.SECONDS);
            assertThat(first.message()).isEqualTo(small);
            assertThat(first.from().nodeId()).isEqualTo(bob.gateway().nodeId());
            assertThat(second.message()).isEqualTo(large);
            assertThat(back.message()).isEqualTo(small);
            assertThat(alice.messagesIn("onion_message")).isEqualTo(2);
        }
    }

    @Test
    void aStoppedGatewayStartsAgainAndServesPeers() throws Exception {
        try (GatewayTestSupport.Node alice = GatewayTestSupport.start(Map.of());
             GatewayTestSupport.Node bob = GatewayTestSupport.start(Map.of())) {
            bob.gateway().connect(alice.gateway().nodeId(), alice.gateway().boundAddress()).get(5, TimeUnit.SECONDS);
            alice.gateway().stop();
            await(WAIT, "bob sees alice go", () -> !bob.gateway().peers().isConnected(alice.gateway().nodeId()));
            assertThat(alice.gateway().isRunning()).isFalse();

            alice.gateway().start((from, message) -> alice.received().add(new GatewayTestSupport.Received(from, message)));
            Peer again = bob.gateway().connect(alice.gateway().nodeId(), alice.gateway().boundAddress())
                    .get(5, TimeUnit.SECONDS);
            again.send(onionMessage(1366)).get(5, TimeUnit.SECONDS);
            assertThat(alice.received().poll(5, TimeUnit.SECONDS)).isNotNull();
        }
    }

    @Test
    void aQuiescingGatewayTakesNoNewPeersButFinishesAndAnswersTheWorkItTookBeforeItCloses() throws Exception {
        CountDownLatch working = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        OnionMessage answer = onionMessage(1366);
        try (GatewayTestSupport.Node alice = GatewayTestSupport.start(Map.of(), (from, message) -> {
                working.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                from.send(answer);
            });
             GatewayTestSupport.Node bob = GatewayTestSupport.start(Map.of());
             GatewayTestSupport.Node carol = GatewayTestSupport.start(Map.of())) {
            InetSocketAddress listener = alice.gateway().boundAddress();
            Peer aliceAtBob = bob.gateway().connect(alice.gateway().nodeId(), listener).get(5, TimeUnit.SECONDS);
            aliceAtBob.send(onionMessage(1366)).get(5, TimeUnit.SECONDS);
            assertThat(working.await(5, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> {
                try {
                    return alice.gateway().quiesce(WAIT);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            await(WAIT, "the listener closes", () -> !alice.gateway().isRunning());
            assertThatThrownBy(() -> carol.gateway().connect(alice.gateway().nodeId(), listener).get(5, TimeUnit.SECONDS))
                    .as("a new peer").isInstanceOf(ExecutionException.class);
            assertThat(drained).as("still working").isNotDone();
            assertThat(bob.gateway().peers().isConnected(alice.gateway().nodeId())).as("bob still connected").isTrue();

            release.countDown();
            assertThat(drained.get(5, TimeUnit.SECONDS)).as("drained in time").isTrue();
            alice.gateway().stop();
            GatewayTestSupport.Received answered = bob.received().poll(5, TimeUnit.SECONDS);
            assertThat(answered).as("the answer, written before the connection closed").isNotNull();
            assertThat(answered.message()).isEqualTo(answer);
        }
    }

    @Test
    void anAttemptOpenWhenTheGatewayStopsFailsAndARestartStartsAfresh() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
             GatewayTestSupport.Node bob = GatewayTestSupport.start(Map.of())) {
            var nobody = new io.staticinvoice.lightning.wire.NodeId(PrivateKey.random().publicKey());
            InetSocketAddress address = InetSocketAddress.createUnresolved("localhost", silent.getLocalPort());
            var attempt = bob.gateway().connect(nobody, address);

            bob.gateway().stop();

            await(WAIT, "the open attempt fails", attempt::isDone);
            assertThat(attempt).isCompletedExceptionally();
            bob.gateway().start((from, message) -> { });
            var again = bob.gateway().connect(nobody, address);
            assertThat(again).isNotSameAs(attempt);
            bob.gateway().stop();
            await(WAIT, "the new attempt fails too", again::isDone);
        }
    }

    @Test
    void aListenerThatCannotBindNamesTheAddressAndLeavesNoThreadBehind() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + taken.getLocalPort();
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            LightningGateway gateway = new LightningGateway(PrivateKey.random(),
                    GatewayTestSupport.settings(Map.of("sis.lightning.listen", address)),
                    new GatewayMetrics(new SimpleMeterRegistry()));

            assertThatThrownBy(() -> gateway.start((from, message) -> { }))
                    .isInstanceOf(ListenerBindException.class)
                    .hasMessageContaining(address)
                    .satisfies(e -> assertThat(((ListenerBindException) e).address()).isEqualTo(address));
            await(WAIT, "the gateway's threads end", () -> Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> !before.contains(thread))
                    .noneMatch(thread -> thread.isAlive() && !thread.isDaemon()));
            assertThat(gateway.isRunning()).isFalse();
        }
    }

    @Test
    void connectingTwiceSharesTheConnection() throws Exception {
        try (GatewayTestSupport.Node alice = GatewayTestSupport.start(Map.of());
             GatewayTestSupport.Node bob = GatewayTestSupport.start(Map.of())) {
            var first = bob.gateway().connect(alice.gateway().nodeId(), alice.gateway().boundAddress());
            var second = bob.gateway().connect(alice.gateway().nodeId(), alice.gateway().boundAddress());
            assertThat(first.get(5, TimeUnit.SECONDS)).isSameAs(second.get(5, TimeUnit.SECONDS));
            assertThat(bob.gateway().connect(alice.gateway().nodeId(), alice.gateway().boundAddress()).get())
                    .isSameAs(first.get());
            assertThat(alice.meters().get(GatewayMetrics.HANDSHAKES_COMPLETED).counter().count()).isEqualTo(1);
        }
    }

    @Test
    void connectsToAPeerGivenByHostName() throws Exception {
        try (GatewayTestSupport.Node alice = GatewayTestSupport.start(Map.of());
             GatewayTestSupport.Node bob = GatewayTestSupport.start(Map.of())) {
            InetSocketAddress byName = InetSocketAddress.createUnresolved("localhost", alice.gateway().boundAddress().getPort());
            Peer peer = bob.gateway().connect(alice.gateway().nodeId(), byName).get(5, TimeUnit.SECONDS);
            assertThat(peer.remoteAddress().getAddress().isLoopbackAddress()).isTrue();
        }
    }

    @Test
    void connectingToTheWrongNodeIdFailsTheHandshake() throws Exception {
        try (GatewayTestSupport.Node alice = GatewayTestSupport.start(Map.of());
             GatewayTestSupport.Node bob = GatewayTestSupport.start(Map.of())) {
            var attempt = bob.gateway().connect(
                    new io.staticinvoice.lightning.wire.NodeId(PrivateKey.random().publicKey()),
                    alice.gateway().boundAddress());
            await(WAIT, "attempt fails", attempt::isDone);
            assertThat(attempt).isCompletedExceptionally();
            await(WAIT, "alice counts a bad act one",
                    () -> alice.handshakeFailures(GatewayMetrics.HandshakeFailure.BAD_ACT) == 1);
        }
    }

    @Test
    void keepAlivePingsAreAnsweredAndTheConnectionStays() throws Exception {
        Map<String, String> fastPings = Map.of("sis.lightning.ping-interval", "100ms", "sis.lightning.pong-timeout", "1s");
        try (GatewayTestSupport.Node alice = GatewayTestSupport.start(fastPings);
             GatewayTestSupport.Node bob = GatewayTestSupport.start(fastPings)) {
            Peer peer = bob.gateway().connect(alice.gateway().nodeId(), alice.gateway().boundAddress())
                    .get(5, TimeUnit.SECONDS);
            await(WAIT, "several pings answered", () -> bob.messagesIn("pong") >= 3 && alice.messagesIn("pong") >= 3);
            assertThat(peer.isActive()).isTrue();
            assertThat(bob.disconnects(GatewayMetrics.Disconnect.PONG_TIMEOUT)).isZero();
        }
    }

    @Test
    void configuredPeersAreReconnectedAfterTheyRestart() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        PrivateKey aliceKey = PrivateKey.random();
        Map<String, String> aliceSettings = Map.of("sis.lightning.listen", "127.0.0.1:" + port);
        Map<String, String> bobSettings = Map.of(
                "sis.lightning.peers", aliceKey.publicKey().hex() + "@127.0.0.1:" + port,
                "sis.lightning.reconnect-min-backoff", "50ms",
                "sis.lightning.reconnect-max-backoff", "200ms");
        try (GatewayTestSupport.Node bob = GatewayTestSupport.start(bobSettings)) {
            var aliceId = new io.staticinvoice.lightning.wire.NodeId(aliceKey.publicKey());
            for (int round = 0; round < 2; round++) {
                LightningGateway alice = new LightningGateway(aliceKey, GatewayTestSupport.settings(aliceSettings),
                        new GatewayMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
                alice.start((from, message) -> { });
                try {
                    await(WAIT, "bob connects to alice, round " + round, () -> bob.gateway().peers().isConnected(aliceId));
                } finally {
                    alice.stop();
                }
                await(WAIT, "bob sees alice go", () -> !bob.gateway().peers().isConnected(aliceId));
            }
        }
    }
}
