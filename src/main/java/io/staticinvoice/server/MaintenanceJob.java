package io.staticinvoice.server;

import io.staticinvoice.config.ProtocolProperties;
import io.staticinvoice.store.MailboxMessageRepository;
import io.staticinvoice.store.OfferPathRepository;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Periodic housekeeping, safe with several replicas running it at once: marks invoices past
 * their expiry EXPIRED (rows locked with SKIP LOCKED, in batches), and deletes mailbox
 * messages past their TTL and offer paths past their expiry.
 */
@Component
public class MaintenanceJob {

    private static final Logger log = LoggerFactory.getLogger(MaintenanceJob.class);

    private final InvoiceService invoices;
    private final MailboxMessageRepository mailbox;
    private final OfferPathRepository offerPaths;
    private final ProtocolProperties properties;
    private final Clock clock;

    public MaintenanceJob(InvoiceService invoices, MailboxMessageRepository mailbox, OfferPathRepository offerPaths,
                          ProtocolProperties properties, Clock clock) {
        this.invoices = invoices;
        this.mailbox = mailbox;
        this.offerPaths = offerPaths;
        this.properties = properties;
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
        int purged = purge();
        if (expired > 0 || purged > 0) {
            log.info("Maintenance: {} invoices expired, {} stale mailbox messages and offer paths purged", expired, purged);
        }
    }

    private int purge() {
        return mailbox.deleteExpired(clock.instant()) + offerPaths.deleteExpired(clock.instant());
    }
}
