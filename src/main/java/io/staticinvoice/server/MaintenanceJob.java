package io.staticinvoice.server;

import io.staticinvoice.config.LightningProperties;
import io.staticinvoice.config.ProtocolProperties;
import io.staticinvoice.relay.PostgresMailbox;
import io.staticinvoice.store.OfferPathRepository;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Periodic housekeeping, safe with several replicas running it at once: marks invoices past
 * their expiry EXPIRED (rows locked with SKIP LOCKED, in batches), and deletes mailbox
 * messages past their TTL (counted as the gateway drop {@code mailbox_expired}), offer paths
 * past their expiry, and known peers that have not connected within
 * {@code sis.mailbox.known-peer-retention}.
 */
@Component
public class MaintenanceJob {

    private static final Logger log = LoggerFactory.getLogger(MaintenanceJob.class);

    private final InvoiceService invoices;
    private final PostgresMailbox mailbox;
    private final OfferPathRepository offerPaths;
    private final ProtocolProperties properties;
    private final Duration knownPeerRetention;
    private final Clock clock;

    public MaintenanceJob(InvoiceService invoices, PostgresMailbox mailbox, OfferPathRepository offerPaths,
                          ProtocolProperties properties, LightningProperties lightning, Clock clock) {
        this.invoices = invoices;
        this.mailbox = mailbox;
        this.offerPaths = offerPaths;
        this.properties = properties;
        this.knownPeerRetention = lightning.mailbox().knownPeerRetention();
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${sis.maintenance.interval:60s}", initialDelayString = "${sis.maintenance.interval:60s}")
    public void run() {
        int expired = 0;
        int batch;
        do {
            batch = invoices.expireDue();
            expired += batch;
        } while (batch == properties.maintenance().batchSize());
        PostgresMailbox.Maintenance mail = mailbox.maintain(clock.instant());
        int staleMessages = mail.expiredMessages();
        int stalePaths = offerPaths.deleteExpired(clock.instant());
        int forgottenPeers = mail.forgottenPeers();
        if (expired > 0 || staleMessages > 0 || stalePaths > 0 || forgottenPeers > 0) {
            log.info("Maintenance: {} invoices expired, {} mailbox messages and {} offer paths past their expiry deleted, "
                    + "{} peers not connected within {} forgotten", expired, staleMessages, stalePaths, forgottenPeers,
                    knownPeerRetention);
        }
    }
}
