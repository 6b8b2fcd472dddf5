package io.staticinvoice.gateway;

import io.staticinvoice.lightning.wire.OnionMessage;
import io.staticinvoice.lightning.wire.Pong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Onion messages from the peer: to the workers within the peer's rate, dropped and counted beyond it or when the pool refuses. */
class OnionMessageAdmissionTest {

    private record Received(Peer from, OnionMessage message) {
    }

    private final EmbeddedConnection connection = new EmbeddedConnection();
    private final AtomicLong nanos = new AtomicLong();
    private final OnionMessageWorkers workers = new OnionMessageWorkers(1, 16, 16, connection.metrics);
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    /** Two messages at once, one more per second. */
    private Peer connected() {
        TokenBucket rate = new TokenBucket(1, 2, nanos::get);
        PeerSession session = connection.session(connection.pacing(new OutboundBudget(1 << 20)));
        return connection.with(session, new OnionMessageAdmission(rate, workers,
                (from, message) -> received.add(new Received(from, message)), connection.metrics)).connect();
    }

    @AfterEach
    void stopWorkers() throws InterruptedException {
        workers.shutdown(5_000);
    }

    @Test
    void handsMessagesToTheWorkersWithinThePeersRate() throws Exception {
        Peer peer = connected();
        OnionMessage first = LightningGatewayTest.onionMessage(1366);
        OnionMessage second = LightningGatewayTest.onionMessage(1366);
        connection.receive(first, second, LightningGatewayTest.onionMessage(1366));
        assertThat(connection.drops(GatewayMetrics.Drop.RATE_LIMITED)).isEqualTo(1);
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(new Received(peer, first));
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(new Received(peer, second));

        nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
        OnionMessage later = LightningGatewayTest.onionMessage(1366);
        connection.receive(later);
        assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(new Received(peer, later));
        assertThat(connection.drops(GatewayMetrics.Drop.RATE_LIMITED)).isEqualTo(1);
    }

    @Test
    void aMessageThePoolRefusesIsDroppedAndCounted() throws Exception {
        connected();
        workers.shutdown(5_000);
        connection.receive(LightningGatewayTest.onionMessage(1366));
        assertThat(connection.drops(GatewayMetrics.Drop.WORKER_POOL_FULL)).isEqualTo(1);
        assertThat(connection.drops(GatewayMetrics.Drop.RATE_LIMITED)).isZero();
        assertThat(connection.channel.isActive()).isTrue();
    }

    @Test
    void passesEveryOtherMessageOn() {
        connected();
        connection.receive(new Pong(2));
        assertThat(connection.tail.messages).containsExactly(new Pong(2));
        assertThat(received).isEmpty();
    }
}
