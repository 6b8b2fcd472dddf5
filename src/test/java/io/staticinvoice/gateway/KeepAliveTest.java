package io.staticinvoice.gateway;

import io.staticinvoice.lightning.wire.Ping;
import io.staticinvoice.lightning.wire.Pong;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Keep-alive pings, one out at a time, the pong that answers it passed on, no pong in time a disconnect. */
class KeepAliveTest {

    private static final Duration INTERVAL = Duration.ofSeconds(30);
    /** Longer than the interval, so that a keep-alive tick comes while a ping is out. */
    private static final Duration TIMEOUT = Duration.ofSeconds(45);

    private final EmbeddedConnection connection = new EmbeddedConnection();

    private EmbeddedConnection stages() {
        PeerSession session = connection.session(connection.pacing(new OutboundBudget(1 << 20)));
        return connection.with(session, new KeepAlive(INTERVAL, TIMEOUT, session));
    }

    private long pingsSent() {
        return connection.tail.events.stream().filter(KeepAlive.PingSent.INSTANCE::equals).count();
    }

    @Test
    void pingsOnlyOnceThePeerIsConnected() throws Exception {
        stages().handshakeDone();
        connection.advance(INTERVAL.multipliedBy(3));
        assertThat(connection.sent()).isEmpty();
    }

    @Test
    void pingsEveryIntervalAndPassesOnThePongThatAnswers() throws Exception {
        stages().connect();
        connection.advance(INTERVAL.minusMillis(1));
        assertThat(connection.sent()).isEmpty();
        connection.advance(Duration.ofMillis(1));
        assertThat(connection.sent()).containsExactly(new Ping(0, 0));
        assertThat(pingsSent()).isEqualTo(1);

        connection.receive(new Pong(0));
        assertThat(connection.tail.messages).containsExactly(new Pong(0));
        connection.advance(INTERVAL);
        assertThat(connection.sent()).containsExactly(new Ping(0, 0));
        assertThat(connection.channel.isActive()).isTrue();
    }

    @Test
    void dropsPongsThatAnswerNoPing() {
        stages().connect();
        connection.receive(new Pong(0));
        assertThat(connection.tail.messages).isEmpty();
    }

    @Test
    void aPeerThatDoesNotAnswerInTimeIsDisconnected() throws Exception {
        stages().connect();
        connection.advance(INTERVAL);
        assertThat(connection.sent()).containsExactly(new Ping(0, 0));
        connection.advance(TIMEOUT.minusMillis(1));
        assertThat(connection.channel.isActive()).isTrue();
        connection.advance(Duration.ofMillis(1));
        assertThat(connection.channel.isActive()).isFalse();
        assertThat(connection.disconnects(GatewayMetrics.Disconnect.PONG_TIMEOUT)).isEqualTo(1);
    }

    @Test
    void aPingFromAStageBehindCountsAsTheOneOut() throws Exception {
        stages().connect();
        connection.channel.pipeline().context(connection.tail).writeAndFlush(new Ping(0, 0));
        assertThat(connection.sent()).containsExactly(new Ping(0, 0));
        assertThat(pingsSent()).isEqualTo(1);

        connection.advance(INTERVAL);
        assertThat(connection.sent()).as("no keep-alive while a ping is out").isEmpty();
        assertThat(connection.channel.isActive()).isTrue();
        connection.advance(TIMEOUT.minus(INTERVAL));
        assertThat(connection.disconnects(GatewayMetrics.Disconnect.PONG_TIMEOUT)).isEqualTo(1);
    }
}
