package io.staticinvoice.relay;

import io.staticinvoice.config.LightningProperties;
import io.staticinvoice.gateway.EventLoopHeartbeat;
import io.staticinvoice.gateway.GatewayMetrics;
import io.staticinvoice.gateway.LightningGateway;
import io.staticinvoice.gateway.NodeIdentity;
import io.staticinvoice.gateway.OnionMessageRouter;
import io.staticinvoice.gateway.PeerUri;
import io.staticinvoice.lightning.onion.UnblindingCache;
import io.staticinvoice.replica.ReplicaHeartbeat;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wires where messages for other nodes go: the configured peers' leases, the mailbox, the
 * address book, the relay between replicas, the hold of forwarded invoice_requests and the sender
 * over them; {@link GatewayLifecycle} starts and stops them with the gateway.
 */
@Configuration(proxyBeanMethods = false)
public class RelayConfiguration {

    @Bean
    PostgresPeerLeases peerLeases(DataSource dataSource, LightningProperties properties, ReplicaHeartbeat replica) {
        return new PostgresPeerLeases(JdbcClient.create(dataSource), replica.id(),
                configuredPeers(properties).stream().map(PeerUri::nodeId).toList(), properties.replicas().peerLeaseTtl());
    }

    @Bean
    PostgresMailbox mailbox(DataSource dataSource, LightningProperties properties, LightningGateway gateway,
                            GatewayMetrics metrics, NodeIdentity identity, UnblindingCache unblindings) {
        return new PostgresMailbox(dataSource, properties, gateway.peers(), metrics,
                configuredPeers(properties).stream().map(PeerUri::nodeId).collect(Collectors.toSet()),
                identity.onionMessageBuilder(unblindings));
    }

    @Bean
    JdbcPeerAddressBook peerAddressBook(LightningProperties properties, DataSource dataSource, LightningGateway gateway) {
        return new JdbcPeerAddressBook(configuredPeers(properties), dataSource, gateway.workers().executor(),
                properties.mailbox().addressCacheSize(), properties.mailbox().addressCacheTtl());
    }

    @Bean
    PostgresReplicaRelay replicaRelay(DataSource dataSource, ReplicaHeartbeat replica) {
        return new PostgresReplicaRelay(dataSource, replica);
    }

    /** Forwarded invoice_requests for recipients not connected here: relayed, or held this replica's share of the node's bound. */
    @Bean
    ForwardedRequests forwardedRequests(LightningGateway gateway, PostgresReplicaRelay relay, NodeIdentity identity,
                                        UnblindingCache unblindings, GatewayMetrics metrics, LightningProperties properties,
                                        ReplicaHeartbeat replica) {
        return ForwardedRequests.of(gateway, relay, identity.onionMessageBuilder(unblindings), metrics,
                properties.mailbox(), replica::liveCount);
    }

    @Bean
    OnionMessageSender onionMessageSender(NodeIdentity identity, UnblindingCache unblindings, LightningGateway gateway,
                                          PostgresMailbox mailbox, JdbcPeerAddressBook addresses,
                                          ForwardedRequests forwardedRequests) {
        return new OnionMessageSender(identity, unblindings, gateway, mailbox, addresses, forwardedRequests);
    }

    private static List<PeerUri> configuredPeers(LightningProperties properties) {
        return properties.lightning().peers().stream().map(PeerUri::parse).toList();
    }

    @Bean
    GatewayLifecycle gatewayLifecycle(LightningGateway gateway, PostgresMailbox mailbox,
                                      JdbcPeerAddressBook addresses, OnionMessageRouter router,
                                      PostgresPeerLeases leases, EventLoopHeartbeat heartbeat,
                                      PostgresReplicaRelay relay, ForwardedRequests forwardedRequests,
                                      LightningProperties properties) {
        return new GatewayLifecycle(gateway, mailbox, addresses, router, leases, heartbeat, relay, forwardedRequests,
                properties.lightning().drainTimeout());
    }
}
