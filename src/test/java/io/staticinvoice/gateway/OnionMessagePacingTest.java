package io.staticinvoice.gateway;

import io.staticinvoice.lightning.wire.OnionMessage;
import io.staticinvoice.lightning.wire.Ping;
import io.staticinvoice.lightning.wire.Pong;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Onion messages to the peer: paced by pongs, acknowledged by the pong of a later ping, bounded per peer and in all. */
class OnionMessagePacingTest {

    private static final Duration INTERVAL = Duration.ofSeconds(30);
    /** An onion message of 32834 bytes with its type, path key and length. */
    private static final int LARGE = 32834 + 2 + 33 + 2;

    private final EmbeddedConnection connection = new EmbeddedConnection();
    private final OutboundBudget budget = new OutboundBudget(1 << 20);

    private Peer connected(int maxMessagesInFlight, long maxBytesInFlight, long maxQueuedBytes, OutboundBudget budget) {
        OnionMessagePacing pacing = new OnionMessagePacing(maxMessagesInFlight, maxBytesInFlight, maxQueuedBytes,
                budget, connection.metrics);
        PeerSession session = connection.session(pacing);
        return connection.with(session, new KeepAlive(INTERVAL, INTERVAL, session), pacing).connect();
    }

    private Peer connected(int maxMessagesInFlight, long maxBytesInFlight) {
        return connected(maxMessagesInFlight, maxBytesInFlight, 2_000_000, budget);
    }

    private static List<OnionMessage> messages(int count, int packetLength) {
        List<OnionMessage> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(LightningGatewayTest.onionMessage(packetLength));
        }
        return messages;
    }

    private static PeerUnavailableException.Reason failure(CompletableFuture<Void> send) {
        return PeerUnavailableException.reasonOf(send.handle((done, error) -> error).join()).orElseThrow();
    }

    @Test
    void writesAtMostTheMessagesInFlightBeforeAPongAnswers() throws Exception {
        Peer peer = connected(2, 256 * 1024);
        List<OnionMessage> three = messages(3, 1366);
        List<CompletableFuture<Void>> sends = three.stream().map(peer::send).toList();

        assertThat(connection.sent()).containsExactly(three.get(0), three.get(1), new Ping(0, 0));
        assertThat(sends.get(1)).isCompleted();
        assertThat(sends.get(2)).isNotDone();

        connection.receive(new Pong(0));
        assertThat(connection.sent()).as("nothing waits, so no ping").containsExactly(three.get(2));
        assertThat(sends.get(2)).isCompleted();
        assertThat(budget.reserved()).isZero();
    }

    @Test
    void writesAtMostTheBytesInFlightBeforeAPongAnswersButAnyOneMessage() throws Exception {
        Peer peer = connected(32, 2 * LARGE);
        List<OnionMessage> three = messages(3, 32834);
        three.forEach(peer::send);
        assertThat(connection.sent()).containsExactly(three.get(0), three.get(1), new Ping(0, 0));
        connection.receive(new Pong(0));
        assertThat(connection.sent()).containsExactly(three.get(2));
    }

    @Test
    void aMessageLargerThanTheBytesInFlightGoesWhenNothingIsInFlight() throws Exception {
        Peer peer = connected(32, 1000);
        List<OnionMessage> two = messages(2, 32834);
        two.forEach(peer::send);
        assertThat(connection.sent()).containsExactly(two.get(0), new Ping(0, 0));
        connection.receive(new Pong(0));
        assertThat(connection.sent()).containsExactly(two.get(1));
    }

    @Test
    void anAcknowledgedSendCompletesOnlyWithThePongOfAPingSentAfterIt() throws Exception {
        Peer peer = connected(32, 256 * 1024);
        connection.advance(INTERVAL);
        assertThat(connection.sent()).as("a keep-alive ping is out").containsExactly(new Ping(0, 0));

        OnionMessage message = LightningGatewayTest.onionMessage(1366);
        CompletableFuture<Void> acknowledged = peer.sendAcknowledged(message);
        assertThat(connection.sent()).as("one ping at a time").containsExactly(message);

        connection.receive(new Pong(0));
        assertThat(acknowledged).as("that pong answers a ping sent before the message").isNotDone();
        assertThat(connection.sent()).containsExactly(new Ping(0, 0));

        connection.receive(new Pong(0));
        assertThat(acknowledged).isCompleted();
        assertThat(connection.sent()).isEmpty();
    }

    @Test
    void aFullQueueRefusesSendsCountedAndBatchesWholeUncounted() throws Exception {
        Peer peer = connected(1, 256 * 1024, 3 * LARGE, budget);
        List<CompletableFuture<Void>> sends = messages(6, 32834).stream().map(peer::send).toList();
        connection.channel.runPendingTasks();
        assertThat(sends.subList(4, 6)).allMatch(send -> failure(send) == PeerUnavailableException.Reason.QUEUE_FULL);
        assertThat(connection.drops(GatewayMetrics.Drop.PEER_QUEUE_FULL)).isEqualTo(2);

        Peer.BatchSends batch = peer.sendAll(messages(1, 32834));
        connection.channel.runPendingTasks();
        assertThat(failure(batch.written().get(0))).isEqualTo(PeerUnavailableException.Reason.QUEUE_FULL);
        assertThat(connection.drops(GatewayMetrics.Drop.PEER_QUEUE_FULL)).as("the caller keeps a batch").isEqualTo(2);

        connection.channel.close();
        assertThat(sends.get(0)).isCompleted();
        assertThat(sends.subList(1, 4)).allMatch(send -> failure(send) == PeerUnavailableException.Reason.DISCONNECTED);
        assertThat(budget.reserved()).isZero();
    }

    @Test
    void anEmptyQueueTakesABatchOfAnySize() throws Exception {
        Peer peer = connected(1, 256 * 1024, LARGE, budget);
        List<OnionMessage> four = messages(4, 32834);
        Peer.BatchSends sends = peer.sendAll(four);
        assertThat(connection.sent()).containsExactly(four.get(0), new Ping(0, 0));
        for (int i = 1; i < 4; i++) {
            connection.receive(new Pong(0));
            assertThat(connection.sent()).containsExactly(four.get(i), new Ping(0, 0));
        }
        connection.receive(new Pong(0));
        assertThat(sends.acknowledged()).allMatch(CompletableFuture::isDone)
                .noneMatch(CompletableFuture::isCompletedExceptionally);
    }

    @Test
    void stopsReadingAndHoldsMessagesWithinTheOutboundBudgetWhileTheConnectionIsNotWritable() throws Exception {
        OutboundBudget small = new OutboundBudget(LARGE + 1000);
        Peer peer = connected(32, 256 * 1024, 2_000_000, small);
        connection.channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        connection.channel.runPendingTasks();
        assertThat(connection.channel.config().isAutoRead()).isFalse();

        OnionMessage first = LightningGatewayTest.onionMessage(32834);
        CompletableFuture<Void> held = peer.send(first);
        CompletableFuture<Void> refused = peer.send(LightningGatewayTest.onionMessage(32834));
        assertThat(connection.sent()).as("the message waits; a ping asks for room").containsExactly(new Ping(0, 0));
        assertThat(failure(refused)).isEqualTo(PeerUnavailableException.Reason.QUEUE_FULL);
        assertThat(connection.drops(GatewayMetrics.Drop.OUTBOUND_BUDGET)).isEqualTo(1);
        assertThat(small.reserved()).isEqualTo(LARGE);

        connection.channel.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        connection.channel.runPendingTasks();
        assertThat(connection.channel.config().isAutoRead()).isTrue();
        assertThat(connection.sent()).containsExactly(first);
        assertThat(held).isCompleted();
        assertThat(small.reserved()).isZero();
    }

    @Test
    void sendsFailWhenTheConnectionCloses() {
        Peer peer = connected(1, 256 * 1024);
        CompletableFuture<Void> unacknowledged = peer.sendAcknowledged(LightningGatewayTest.onionMessage(1366));
        CompletableFuture<Void> queued = peer.send(LightningGatewayTest.onionMessage(1366));
        connection.channel.runPendingTasks();
        assertThat(queued).isNotDone();

        connection.channel.close();
        CompletableFuture<Void> late = peer.send(LightningGatewayTest.onionMessage(1366));
        connection.channel.runPendingTasks();
        assertThat(List.of(unacknowledged, queued, late))
                .allMatch(send -> failure(send) == PeerUnavailableException.Reason.DISCONNECTED);
        assertThat(budget.reserved()).isZero();
    }
}
