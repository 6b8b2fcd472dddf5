package io.staticinvoice.health;

import io.staticinvoice.gateway.EventLoopHeartbeat;
import java.util.List;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The gateway part of the liveness probe: DOWN when one of the gateway's Netty event loops has
 * not run its {@link EventLoopHeartbeat} within {@code sis.health.event-loop-stall-timeout}. A
 * stuck loop does not come back by itself and stalls every peer on it, so the process should be
 * restarted.
 */
public final class EventLoopHealthIndicator implements HealthIndicator {

    private final EventLoopHeartbeat heartbeat;

    public EventLoopHealthIndicator(EventLoopHeartbeat heartbeat) {
        this.heartbeat = heartbeat;
    }

    @Override
    public Health health() {
        List<EventLoopHeartbeat.Stall> stalls = heartbeat.stalls();
        if (stalls.isEmpty()) {
            return Health.up().build();
        }
        return Health.down().withDetail("stalledLoops", stalls.stream()
                .map(stall -> "loop " + stall.loop() + " last ran at " + stall.lastBeat()).toList()).build();
    }
}
