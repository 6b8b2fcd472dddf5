package io.staticinvoice.health;

import io.staticinvoice.gateway.LightningGateway;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The gateway part of the readiness probe: the node can take peers only while its BOLT 8
 * listener is bound and open, and serve them only while its worker pool runs and has room in its
 * queue. A saturated pool drops every new onion message, so the replica says it is not ready
 * (the load balancer sends new peers elsewhere) until the pool has room again.
 */
public final class GatewayHealthIndicator implements HealthIndicator {

    private final LightningGateway gateway;

    public GatewayHealthIndicator(LightningGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public Health health() {
        if (!gateway.isRunning()) {
            return Health.down().withDetail("error", "the Lightning listener is not bound").build();
        }
        if (!gateway.workers().isAccepting()) {
            return Health.down().withDetail("error", "the onion message workers are stopped or their queue is full")
                    .build();
        }
        return Health.up().build();
    }
}
