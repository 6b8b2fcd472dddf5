package io.staticinvoice.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.staticinvoice.config.HealthProperties;
import io.staticinvoice.config.LightningProperties;
import io.staticinvoice.replica.ReplicaHeartbeat;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.onion.UnblindingCache;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Wires the Lightning gateway into the application: node identity, Netty gateway, mailbox,
 * address book, sender and router, started and stopped with the context by
 * {@link GatewayLifecycle}. The server package supplies the {@link ReceivedMessageHandler}.
 */
@Configuration(proxyBeanMethods = false)
public class GatewayConfiguration {

    /** The node key comes from {@code NodeKeyConfiguration} ({@code sis.node.*}). */
    @Bean
    NodeIdentity nodeIdentity(PrivateKey nodeKey) {
        return NodeIdentity.of(nodeKey);
    }

    @Bean
    GatewayMetrics gatewayMetrics(MeterRegistry registry) {
        return new GatewayMetrics(registry);
    }

    @Bean
    PostgresPeerLeases peerLeases(DataSource dataSource, LightningProperties properties, ReplicaHeartbeat replica) {
        return new PostgresPeerLeases(JdbcClient.create(dataSource), replica.id(),
                configuredPeers(properties).stream().map(PeerUri::nodeId).toList(), properties.replicas().peerLeaseTtl());
    }

    @Bean
    LightningGateway lightningGateway(NodeIdentity identity, LightningProperties properties, GatewayMetrics metrics,
                                      PostgresPeerLeases leases) {
        return new LightningGateway(identity.privateKey(), properties.lightning(), metrics, leases);
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
        return new JdbcPeerAddressBook(configuredPeers(properties), dataSource, gateway.workers().executor());
    }

    private static List<PeerUri> configuredPeers(LightningProperties properties) {
        return properties.lightning().peers().stream().map(PeerUri::parse).toList();
    }

    /** Unblindings of our own path keys, shared by the router (our hops of offer paths) and the sender (forward paths). */
    @Bean
    UnblindingCache unblindingCache(NodeIdentity identity, LightningProperties properties) {
        return new UnblindingCache(identity.privateKey(), properties.lightning().pathKeyCacheSize());
    }

    @Bean
    OnionMessageSender onionMessageSender(NodeIdentity identity, UnblindingCache unblindings, LightningGateway gateway,
                                          PostgresMailbox mailbox, JdbcPeerAddressBook addresses) {
        return new OnionMessageSender(identity, unblindings, gateway, mailbox, addresses);
    }

    /** Routes to the server's handler; without one, messages for this node are dropped and counted. */
    @Bean
    OnionMessageRouter onionMessageRouter(NodeIdentity identity, UnblindingCache unblindings, OnionMessageSender sender,
                                          ObjectProvider<ReceivedMessageHandler> handler, GatewayMetrics metrics) {
        ReceivedMessageHandler target = handler.getIfAvailable(
                () -> (message, responder) -> metrics.dropped(GatewayMetrics.Drop.NO_HANDLER));
        return new OnionMessageRouter(identity, unblindings, sender, target, metrics);
    }

    /** Watches the event loops for the liveness probe ({@code sis.health.*}). */
    @Bean
    EventLoopHeartbeat eventLoopHeartbeat(Clock clock, HealthProperties health) {
        return new EventLoopHeartbeat(clock, health.eventLoopHeartbeat(), health.eventLoopStallTimeout());
    }

    @Bean
    GatewayLifecycle gatewayLifecycle(LightningGateway gateway, PostgresMailbox mailbox,
                                      JdbcPeerAddressBook addresses, OnionMessageRouter router,
                                      PostgresPeerLeases leases, EventLoopHeartbeat heartbeat,
                                      LightningProperties properties) {
        return new GatewayLifecycle(gateway, mailbox, addresses, router, leases, heartbeat,
                properties.lightning().drainTimeout());
    }
}
