package io.staticinvoice.relay;

import io.staticinvoice.gateway.GatewayMetrics;
import io.staticinvoice.gateway.GatewayTestSupport;
import io.staticinvoice.gateway.LightningGateway;
import io.staticinvoice.gateway.RawPeer;

import io.micrometer.core.instrument.MeterRegistry;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.wire.Init;
import io.staticinvoice.lightning.wire.NodeId;
import io.staticinvoice.lightning.wire.OnionMessage;
import io.staticinvoice.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway as the application runs it: started with the context, mailbox delivering, meters registered. */
@IntegrationTest
class GatewayLifecycleTest {

    @Autowired GatewayLifecycle lifecycle;
    @Autowired LightningGateway gateway;
    @Autowired PostgresMailbox mailbox;
    @Autowired MeterRegistry meters;

    @Test
    void startsWithTheContextAndDeliversMailToAPeerThatConnects() throws Exception {
        assertThat(lifecycle.isRunning()).isTrue();
        assertThat(gateway.isRunning()).isTrue();
        assertThat(gateway.boundAddress().getAddress().isLoopbackAddress()).isTrue();

        PrivateKey walletKey = PrivateKey.random();
        NodeId wallet = new NodeId(walletKey.publicKey());
        OnionMessage waiting = new OnionMessage(PrivateKey.random().publicKey(), new byte[1366]);
        MailboxDatabase.known(wallet);
        assertThat(mailbox.store(wallet, waiting).join()).isTrue();

        try (RawPeer peer = RawPeer.connected(gateway, walletKey,
                new Init(LightningGateway.FEATURES, List.of(), Optional.empty()))) {
            assertThat(peer.receiveOnionMessages(1)).containsExactly(waiting);
            GatewayTestSupport.await(Duration.ofSeconds(5), "peer gauge",
                    () -> meters.get(GatewayMetrics.PEERS_CONNECTED).gauge().value() >= 1);
        }
        assertThat(meters.find(GatewayMetrics.MAILBOX_SIZE).gauge()).isNotNull();
        assertThat(meters.get(GatewayMetrics.HANDSHAKES_COMPLETED).counter().count()).isGreaterThanOrEqualTo(1);
    }
}
