package io.staticinvoice.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.wire.OnionMessage;
import io.staticinvoice.lightning.wire.Ping;
import io.staticinvoice.lightning.wire.Pong;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Pings answered within a rate, only while writable and within the outbound budget; other messages pass. */
class PingResponderTest {

    private final AtomicLong nanos = new AtomicLong();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    /** Three pings at once, one more every 200 ms. */
    private EmbeddedChannel channel(OutboundBudget budget) {
        return new EmbeddedChannel(new PingResponder(new TokenBucket(5, 3, nanos::get), budget, new GatewayMetrics(meters)));
    }

    private double count(String name, String reason) {
        Counter counter = meters.find(name).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void answersWithinTheRateAndDisconnectsAPeerBeyondIt() {
        EmbeddedChannel channel = channel(new OutboundBudget(1 << 20));
        for (int i = 0; i < 3; i++) {
            channel.writeInbound(new Ping(10 + i, 0));
            assertThat((Object) channel.readOutbound()).isEqualTo(new Pong(10 + i));
        }
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(200));
        channel.writeInbound(new Ping(Ping.NO_PONG_THRESHOLD, 0));
        assertThat((Object) channel.readOutbound()).as("no pong asked for, but a token taken").isNull();
        assertThat(channel.isOpen()).isTrue();

        channel.writeInbound(new Ping(1, 0));
        assertThat(channel.isOpen()).isFalse();
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(count(GatewayMetrics.DISCONNECTS, "ping_flood")).isEqualTo(1);
    }

    @Test
    void leavesPingsUnansweredWhileTheConnectionIsNotWritable() {
        EmbeddedChannel channel = channel(new OutboundBudget(1 << 20));
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        channel.writeInbound(new Ping(10, 0));
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(count(GatewayMetrics.PINGS_UNANSWERED, "not_writable")).isEqualTo(1);

        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        channel.writeInbound(new Ping(11, 0));
        assertThat((Object) channel.readOutbound()).isEqualTo(new Pong(11));
    }

    @Test
    void leavesPingsUnansweredBeyondTheOutboundBudgetAndReleasesWrittenPongs() {
        OutboundBudget budget = new OutboundBudget(PingResponder.PONG_OVERHEAD + 100);
        EmbeddedChannel channel = channel(budget);
        assertThat(budget.tryReserve(50)).as("another peer's bytes").isTrue();
        channel.writeInbound(new Ping(100, 0));
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(count(GatewayMetrics.PINGS_UNANSWERED, "outbound_budget")).isEqualTo(1);

        budget.release(50);
        channel.writeInbound(new Ping(100, 0));
        assertThat((Object) channel.readOutbound()).isEqualTo(new Pong(100));
        assertThat(budget.reserved()).as("released once written").isZero();
    }

    @Test
    void aPeerEarnsAPingForEvery32MessagesItSendsAsLdkPingsThem() {
        EmbeddedChannel channel = channel(new OutboundBudget(1 << 20));
        OnionMessage onion = new OnionMessage(PrivateKey.random().publicKey(), new byte[1366]);
        for (int i = 0; i < 3; i++) {
            channel.writeInbound(new Ping(10, 0));
        }
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < PingResponder.MESSAGES_PER_PING; i++) {
                channel.writeInbound(onion);
            }
            channel.writeInbound(new Ping(10, 0));
            assertThat(channel.isOpen()).as("a ping after 32 messages, with no time passing").isTrue();
        }
        for (int i = 0; i < PingResponder.MESSAGES_PER_PING - 1; i++) {
            channel.writeInbound(onion);
        }
        channel.writeInbound(new Ping(10, 0));
        assertThat(channel.isOpen()).as("31 messages earn none").isFalse();
        assertThat(count(GatewayMetrics.DISCONNECTS, "ping_flood")).isEqualTo(1);
    }

    @Test
    void passesEveryOtherMessageOn() {
        EmbeddedChannel channel = channel(new OutboundBudget(1 << 20));
        OnionMessage onion = new OnionMessage(PrivateKey.random().publicKey(), new byte[1366]);
        channel.writeInbound(new Pong(3), onion);
        assertThat((Object) channel.readInbound()).isEqualTo(new Pong(3));
        assertThat((Object) channel.readInbound()).isEqualTo(onion);
    }
}
