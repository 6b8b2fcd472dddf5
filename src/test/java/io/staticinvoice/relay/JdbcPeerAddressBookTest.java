package io.staticinvoice.relay;

import io.staticinvoice.gateway.GatewayTestSupport;
import io.staticinvoice.gateway.PeerUri;

import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.wire.NodeId;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcPeerAddressBookTest {

    private static JdbcPeerAddressBook book(List<PeerUri> configured, Duration ttl) {
        return new JdbcPeerAddressBook(configured, MailboxDatabase.dataSource(), Runnable::run, 100, ttl);
    }

    private static NodeId randomNode() {
        return new NodeId(PrivateKey.random().publicKey());
    }

    @Test
    void configuredPeersComeFirstThenRememberedAddresses() {
        NodeId configured = randomNode();
        NodeId seen = randomNode();
        JdbcPeerAddressBook book = book(List.of(PeerUri.parse(configured.hex() + "@node.example.com:9735")), Duration.ofHours(1));

        assertThat(book.lookup(configured)).hasValueSatisfying(address ->
                assertThat(address.getHostString() + ":" + address.getPort()).isEqualTo("node.example.com:9735"));
        assertThat(book.lookup(seen)).isEmpty();

        book.remember(seen, InetSocketAddress.createUnresolved("198.51.100.4", 9735));
        book.remember(seen, InetSocketAddress.createUnresolved("198.51.100.5", 19735));
        assertThat(book.lookup(seen)).hasValueSatisfying(address -> {
            assertThat(address.getHostString()).isEqualTo("198.51.100.5");
            assertThat(address.getPort()).isEqualTo(19735);
        });
    }

    @Test
    void anAddressAnotherReplicaLearntIsSeenOnceTheLookupsTtlIsOver() {
        NodeId node = randomNode();
        JdbcPeerAddressBook cached = book(List.of(), Duration.ofHours(1));
        JdbcPeerAddressBook uncached = book(List.of(), Duration.ZERO);
        JdbcPeerAddressBook other = book(List.of(), Duration.ofHours(1));
        assertThat(cached.lookup(node)).isEmpty();

        other.remember(node, InetSocketAddress.createUnresolved("198.51.100.6", 9735));

        assertThat(cached.lookup(node)).as("its absence is trusted for the ttl").isEmpty();
        assertThat(uncached.lookup(node)).as("read again after the ttl")
                .hasValueSatisfying(address -> assertThat(address.getHostString()).isEqualTo("198.51.100.6"));
    }

    @Test
    void remembersWhereOutboundConnectionsReachedButNotInboundOnes() throws Exception {
        JdbcPeerAddressBook book = book(List.of(), Duration.ofHours(1));
        try (GatewayTestSupport.Node server = GatewayTestSupport.start(Map.of());
             GatewayTestSupport.Node client = GatewayTestSupport.start(Map.of())) {
            client.gateway().peers().addListener(book);
            server.gateway().peers().addListener(book);
            client.gateway().connect(server.gateway().nodeId(), server.gateway().boundAddress()).get(5, TimeUnit.SECONDS);
            GatewayTestSupport.await(Duration.ofSeconds(5), "server sees the client",
                    () -> server.gateway().peers().isConnected(client.gateway().nodeId()));

            assertThat(book.lookup(server.gateway().nodeId()))
                    .hasValueSatisfying(address -> assertThat(address.getPort()).isEqualTo(server.gateway().boundAddress().getPort()));
            assertThat(book.lookup(client.gateway().nodeId())).isEmpty();
        }
    }
}
