package io.staticinvoice.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.staticinvoice.config.HealthProperties;
import io.staticinvoice.config.LightningProperties;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.onion.UnblindingCache;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * Wires the Lightning gateway into the application: node identity, Netty gateway and router; the
 * relay package supplies where outgoing messages go ({@link OutboundMessages}) and the peer leases,
 * and starts and stops the gateway with the context. The server package supplies the
 * {@link ReceivedMessageHandler}.
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
    LightningGateway lightningGateway(NodeIdentity identity, LightningProperties properties, GatewayMetrics metrics,
                                      PeerLeases leases) {
        return new LightningGateway(identity.privateKey(), properties.lightning(), metrics, leases);
    }




    /** Unblindings of our own path keys, shared by the router (our hops of offer paths) and the sender (forward paths). */
    @Bean
    UnblindingCache unblindingCache(NodeIdentity identity, LightningProperties properties) {
        return new UnblindingCache(identity.privateKey(), properties.lightning().pathKeyCacheSize());
    }




    /** Routes to the server's handler; without one, messages for this node are dropped and counted. */
    @Bean
    OnionMessageRouter onionMessageRouter(NodeIdentity identity, UnblindingCache unblindings, OutboundMessages sender,
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

}
