package io.staticinvoice.health;

import io.staticinvoice.config.HealthProperties;
import io.staticinvoice.gateway.EventLoopHeartbeat;
import io.staticinvoice.gateway.LightningGateway;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The health indicators behind the probes: {@code database} and {@code gateway} in the readiness
 * group, {@code eventLoops} in the liveness group ({@code management.endpoint.health.group.*} in
 * {@code application.yaml}). Spring Boot's own {@code db} indicator is switched off there: it
 * borrows from the pool and would hang the probe for the pool's timeout.
 */
@Configuration(proxyBeanMethods = false)
public class HealthConfiguration {

    @Bean
    DatabaseHealthIndicator databaseHealthIndicator(DataSourceProperties dataSource, HealthProperties health) {
        return new DatabaseHealthIndicator(dataSource.determineUrl(), dataSource.determineUsername(),
                dataSource.determinePassword(), health.databaseTimeout());
    }

    @Bean
    GatewayHealthIndicator gatewayHealthIndicator(LightningGateway gateway) {
        return new GatewayHealthIndicator(gateway);
    }

    @Bean
    EventLoopHealthIndicator eventLoopsHealthIndicator(EventLoopHeartbeat heartbeat) {
        return new EventLoopHealthIndicator(heartbeat);
    }
}
