package io.staticinvoice.relay;

import io.staticinvoice.gateway.GatewayTestSupport;
import io.staticinvoice.gateway.PeerUri;

import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.wire.NodeId;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcPeerAddressBookTest {

    private static NodeId randomNode() {
        return new NodeId(PrivateKey.random().publicKey());
    }

    @Test
    void configuredPeersComeFirstThenRememberedAddresses() {
        NodeId configured = randomNode();
        NodeId seen = randomNode();
        JdbcPeerAddressBook book = new JdbcPeerAddressBook(
                List.of(PeerUri.parse(configured.hex() + "@node.example.com:9735")), MailboxDatabase.dataSource(), Runnable::run);

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
    void remembersWhereOutboundConnectionsReachedButNotInboundOnes() throws Exception {
        JdbcPeerAddressBook book = new JdbcPeerAddressBook(List.of(), MailboxDatabase.dataSource(), Runnable::run);
        try (GatewayTestSupport.Node server = GatewayTestSupport.start(Map.of());
             GatewayTestSupport.Node client = GatewayTestSupport.start(Map.of())) {
            client.gateway().peers().addListener(book);
            server.gateway().peers().addListener(book);
            client.gateway().connect(server.gateway().nodeId(), server.gateway().boundAddress()).get(5, TimeUnit.SECONDS);
            GatewayTestSupport.await(java.time.Duration.ofSeconds(5), "server sees the client",
                    () -> server.gateway().peers().isConnected(client.gateway().nodeId()));

            assertThat(book.lookup(server.gateway().nodeId()))
                    .hasValueSatisfying(address -> assertThat(address.getPort()).isEqualTo(server.gateway().boundAddress().getPort()));
            assertThat(book.lookup(client.gateway().nodeId())).isEmpty();
        }
    }
}
