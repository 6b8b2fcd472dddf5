package io.staticinvoice.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.staticinvoice.config.LightningProperties;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.wire.OnionMessage;
import org.awaitility.Awaitility;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BooleanSupplier;


/** Builds gateways bound to loopback for tests, with settings bound exactly as Spring binds them. */
public final class GatewayTestSupport {

    private GatewayTestSupport() {
    }

    /** {@code sis.*} properties with their defaults, loopback listener on a free port, and {@code overrides}. */
    public static LightningProperties properties(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>();
        values.put("sis.lightning.listen", "127.0.0.1:0");
        values.put("sis.lightning.event-loop-threads", "1");
        values.put("sis.lightning.worker-threads", "1");
        values.putAll(overrides);
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("sis", LightningProperties.class);
    }

    public static LightningProperties.Lightning settings(Map<String, String> overrides) {
        return properties(overrides).lightning();
    }

    /** A started gateway whose received onion messages land in {@link Node#received}. */
    public static Node start(Map<String, String> overrides) throws InterruptedException {
        return start(overrides, (from, message) -> { });
    }

    /** A started gateway that runs {@code before} on each received message, then records it. */
    static Node start(Map<String, String> overrides, InboundOnionMessageHandler before) throws InterruptedException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LightningGateway gateway = new LightningGateway(PrivateKey.random(), settings(overrides), new GatewayMetrics(registry));
        BlockingQueue<Received> received = new LinkedBlockingQueue<>();
        gateway.start((from, message) -> {
            before.onOnionMessage(from, message);
            received.add(new Received(from, message));
        });
        return new Node(gateway, registry, received);
    }

    /** One onion message as the inbound handler saw it. */
    record Received(Peer from, OnionMessage message) {
    }

    /** A running test gateway with its meters and what it received. */
    public record Node(LightningGateway gateway, SimpleMeterRegistry meters, BlockingQueue<Received> received)
            implements AutoCloseable {

        double count(String name, String tagKey, String tagValue) {
            Counter counter = meters.find(name).tag(tagKey, tagValue).counter();
            return counter == null ? 0 : counter.count();
        }

        public double disconnects(GatewayMetrics.Disconnect reason) {
            return count(GatewayMetrics.DISCONNECTS, "reason", reason.name().toLowerCase());
        }

        double drops(GatewayMetrics.Drop reason) {
            return count(GatewayMetrics.DROPS, "reason", reason.name().toLowerCase());
        }

        double handshakeFailures(GatewayMetrics.HandshakeFailure reason) {
            return count(GatewayMetrics.HANDSHAKES_FAILED, "reason", reason.name().toLowerCase());
        }

        double gauge(String name) {
            return meters.get(name).gauge().value();
        }

        double unansweredPings(GatewayMetrics.UnansweredPing reason) {
            return count(GatewayMetrics.PINGS_UNANSWERED, "reason", reason.name().toLowerCase());
        }

        double messagesIn(String type) {
            return count(GatewayMetrics.MESSAGES_IN, "type", type);
        }

        double messagesOut(String type) {
            return count(GatewayMetrics.MESSAGES_OUT, "type", type);
        }

        @Override
        public void close() {
            gateway.stop();
        }
    }

    /**
     * Polls {@code condition} until it holds or {@code timeout} passes: Awaitility, every 10 ms, on
     * the calling thread (some conditions count the JVM's threads, and a poller thread would be one).
     */
    public static void await(Duration timeout, String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(timeout).pollInSameThread().pollInterval(Duration.ofMillis(10))
                .until(condition::getAsBoolean);
    }
}
