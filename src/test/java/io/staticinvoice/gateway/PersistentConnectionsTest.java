package io.staticinvoice.gateway;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The reconnection backoff; reconnection itself is shown in {@link LightningGatewayTest}. */
class PersistentConnectionsTest {

    private final PersistentConnections connections = new PersistentConnections(
            (nodeId, address) -> new CompletableFuture<>(), new PeerRegistry(), PeerLeases.ALWAYS, null,
            Duration.ofSeconds(1), Duration.ofSeconds(60));

    @Test
    void backoffDoublesFromTheMinimumUpToTheMaximumWithJitter() {
        assertThat(connections.backoff(0).toMillis()).isBetween(800L, 1200L);
        assertThat(connections.backoff(1).toMillis()).isBetween(800L, 1200L);
        assertThat(connections.backoff(2).toMillis()).isBetween(1600L, 2400L);
        assertThat(connections.backoff(4).toMillis()).isBetween(6400L, 9600L);
        assertThat(connections.backoff(30).toMillis()).isBetween(48_000L, 72_000L);
    }
}
