package io.staticinvoice.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.util.concurrent.EventExecutor;
import io.staticinvoice.gateway.EventLoopHeartbeat;
import io.staticinvoice.gateway.GatewayMetrics;
import io.staticinvoice.gateway.GatewayTestSupport;
import io.staticinvoice.gateway.LightningGateway;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.server.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class EventLoopHealthIndicatorTest {

    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    private final EventLoopHeartbeat heartbeat = new EventLoopHeartbeat(clock, Duration.ofMillis(20), STALL_TIMEOUT);
    private final EventLoopHealthIndicator health = new EventLoopHealthIndicator(heartbeat);

    @Test
    void downWhileAnEventLoopIsStuckAndUpOnceItRunsAgain() throws Exception {
        LightningGateway gateway = new LightningGateway(PrivateKey.random(),
                GatewayTestSupport.settings(Map.of("sis.lightning.event-loop-threads", "2")),
                new GatewayMetrics(new SimpleMeterRegistry()));
        gateway.start((from, message) -> { });
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            List<EventExecutor> loops = gateway.eventLoops();
            assertThat(loops).hasSize(3);
            heartbeat.start(loops);
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);

            loops.get(2).execute(() -> {
                blocked.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            blocked.await();
            clock.advance(STALL_TIMEOUT.plusSeconds(1));

            await().atMost(Duration.ofSeconds(10)).until(() -> health.health().getStatus().equals(Status.DOWN));
            assertThat(heartbeat.stalls()).extracting(EventLoopHeartbeat.Stall::loop).containsExactly(2);

            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> health.health().getStatus().equals(Status.UP));
        } finally {
            release.countDown();
            heartbeat.stop();
            gateway.stop();
        }
    }

    @Test
    void upWhenNoLoopIsWatched() {
        clock.advance(STALL_TIMEOUT.multipliedBy(2));
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }
}
