package io.staticinvoice.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.staticinvoice.gateway.GatewayMetrics;
import io.staticinvoice.gateway.GatewayTestSupport;
import io.staticinvoice.gateway.LightningGateway;
import io.staticinvoice.lightning.crypto.PrivateKey;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class GatewayHealthIndicatorTest {

    private final LightningGateway gateway = new LightningGateway(PrivateKey.random(), GatewayTestSupport.settings(
            Map.of("sis.lightning.worker-threads", "1", "sis.lightning.worker-queue-capacity", "1")),
            new GatewayMetrics(new SimpleMeterRegistry()));
    private final GatewayHealthIndicator health = new GatewayHealthIndicator(gateway);

    @Test
    void downUntilTheListenerIsBoundAndAfterItIsClosed() throws Exception {
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        gateway.start((from, message) -> { });
        try {
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        } finally {
            gateway.stop();
        }
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getDetails()).containsEntry("error", "the Lightning listener is not bound");
    }

    @Test
    void downWhileTheWorkerPoolCannotTakeMoreAndUpWhenItCan() throws Exception {
        gateway.start((from, message) -> { });
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            assertThat(gateway.workers().trySubmit(() -> {
                running.countDown();
                awaitQuietly(release);
            })).isTrue();
            running.await();
            assertThat(gateway.workers().trySubmit(() -> { })).isTrue();

            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.health().getDetails())
                    .containsEntry("error", "the onion message workers are stopped or their queue is full");

            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> health.health().getStatus().equals(Status.UP));
        } finally {
            release.countDown();
            gateway.stop();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
