package io.staticinvoice.bench;

import io.staticinvoice.config.LightningProperties;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Gateway settings for the loopback benchmarks: defaults, bound as Spring binds them, with the
 * per-IP connection limit, the per-peer onion message rate and the per-peer send queue lifted
 * (a batch of 100 static-invoice-sized messages is 3.3 MB, more than the default 2 MB queue).
 * The pacing limits (32 messages, 256 KiB per pong) stay at their defaults.
 */
final class LoopbackSettings {

    private LoopbackSettings() {
    }

    static LightningProperties.Lightning lightning() {
        return properties().lightning();
    }

    /** The mailbox's defaults. */
    static LightningProperties.Mailbox mailbox() {
        return properties().mailbox();
    }

    private static LightningProperties properties() {
        return new Binder(new MapConfigurationPropertySource(Map.of(
                "sis.lightning.listen", "127.0.0.1:0",
                "sis.lightning.max-inbound-connections-per-ip", "10000",
                "sis.lightning.onion-message-rate.per-second", "1000000",
                "sis.lightning.onion-message-rate.burst", "1000000",
                "sis.lightning.max-queued-bytes-per-peer", "16MB",
                "sis.lightning.event-loop-threads", "2")))
                .bindOrCreate("sis", LightningProperties.class);
    }
}
