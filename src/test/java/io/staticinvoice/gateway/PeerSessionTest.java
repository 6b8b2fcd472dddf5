package io.staticinvoice.gateway;

import io.staticinvoice.lightning.wire.ErrorMessage;
import io.staticinvoice.lightning.wire.Init;
import io.staticinvoice.lightning.wire.OnionMessage;
import io.staticinvoice.lightning.wire.Pong;
import io.staticinvoice.lightning.wire.UnknownMessage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The peer stage: the Peer made and registered, BOLT 1's rules for errors and unknown messages, closing once. */
class PeerSessionTest {

    private final EmbeddedConnection connection = new EmbeddedConnection();

    private EmbeddedConnection stage() {
        return connection.with(connection.session(connection.pacing(new OutboundBudget(1 << 20))));
    }

    @Test
    void makesRegistersAndAnnouncesThePeerOnceInitIsExchanged() {
        Peer peer = stage().connect();
        assertThat(peer.nodeId()).isEqualTo(connection.remoteNodeId);
        assertThat(peer.direction()).isEqualTo(Direction.INBOUND);
        assertThat(peer.remoteAddress()).isEqualTo(EmbeddedConnection.REMOTE);
        assertThat(peer.features()).isEqualTo(EmbeddedConnection.PEER_FEATURES);
        assertThat(peer.isActive()).isTrue();
        assertThat(connection.registry.get(connection.remoteNodeId)).contains(peer);
        assertThat(connection.tail.events).contains(new PeerSession.Connected(peer));
    }

    @Test
    void passesOnionMessagesAndPongsOnAndIgnoresWarningsAndUnknownOddMessages() {
        stage().connect();
        OnionMessage onion = LightningGatewayTest.onionMessage(1366);
        connection.receive(onion, new Pong(3), ErrorMessage.of(ErrorMessage.Level.WARNING, "just saying"),
                new UnknownMessage(0x8001, new byte[] {1, 2}));
        assertThat(connection.tail.messages).containsExactly(onion, new Pong(3));
        assertThat(connection.channel.isActive()).isTrue();
    }

    @Test
    void anUnknownEvenMessageClosesAndNothingAfterItPasses() {
        stage().connect();
        connection.channel.writeInbound(new UnknownMessage(0x8000, new byte[0]).encode(),
                LightningGatewayTest.onionMessage(1366).encode());
        connection.channel.runPendingTasks();
        assertThat(connection.tail.messages).isEmpty();
        assertThat(connection.channel.isActive()).isFalse();
        assertThat(connection.disconnects(GatewayMetrics.Disconnect.UNKNOWN_EVEN_MESSAGE)).isEqualTo(1);
        assertThat(connection.registry.size()).isZero();
    }

    @Test
    void anErrorFromThePeerCloses() {
        stage().connect();
        connection.receive(ErrorMessage.of(ErrorMessage.Level.ERROR, "bye"));
        assertThat(connection.channel.isActive()).isFalse();
        assertThat(connection.disconnects(GatewayMetrics.Disconnect.PEER_ERROR)).isEqualTo(1);
    }

    @Test
    void aSecondInitCloses() {
        stage().connect();
        connection.receive(new Init(EmbeddedConnection.PEER_FEATURES, List.of(), Optional.empty()));
        assertThat(connection.channel.isActive()).isFalse();
        assertThat(connection.disconnects(GatewayMetrics.Disconnect.MALFORMED_MESSAGE)).isEqualTo(1);
    }

    @Test
    void aDisconnectIsCountedOnceWhateverAsksForIt() {
        Peer peer = stage().connect();
        peer.disconnect();
        connection.channel.runPendingTasks();
        peer.disconnect(GatewayMetrics.Disconnect.REPLACED);
        connection.channel.runPendingTasks();
        assertThat(peer.isActive()).isFalse();
        assertThat(connection.disconnects(GatewayMetrics.Disconnect.LOCAL_REQUEST)).isEqualTo(1);
        assertThat(connection.allDisconnects()).isEqualTo(1);
        assertThat(connection.registry.size()).isZero();
    }

    @Test
    void aSecondConnectionOfTheSameNodeReplacesTheFirst() {
        Peer first = stage().connect();
        EmbeddedConnection again = new EmbeddedConnection();
        PeerSession second = new PeerSession(Direction.INBOUND, connection.registry, connection.metrics,
                again.ready, again.pacing(new OutboundBudget(1 << 20)));
        again.with(second);
        again.channel.pipeline().fireUserEventTriggered(new HandshakeCompleted(connection.remoteNodeId));
        again.channel.pipeline().fireUserEventTriggered(new InitExchange.Completed(EmbeddedConnection.PEER_FEATURES));
        connection.channel.runPendingTasks();

        assertThat(first.isActive()).isFalse();
        assertThat(connection.disconnects(GatewayMetrics.Disconnect.REPLACED)).isEqualTo(1);
        assertThat(connection.registry.get(connection.remoteNodeId)).contains(again.ready.join());
    }

    @Test
    void aConnectionThatClosesBeforeInitFailsItsFuture() {
        stage().handshakeDone();
        connection.channel.close();
        assertThat(PeerUnavailableException.reasonOf(connection.ready.handle((peer, error) -> error).join()))
                .contains(PeerUnavailableException.Reason.DISCONNECTED);
        assertThat(connection.allDisconnects()).as("not closed by a peer stage").isZero();
    }
}
