package io.staticinvoice.gateway;

import org.springframework.context.SmartLifecycle;

/**
 * Starts the gateway with the application context, once everything else (database, server
 * handlers) is ready, then takes the configured peers' leases; and stops it first on shutdown:
 * leases given back (another replica dials those peers), no new peers, connections closed,
 * mailbox delivery stopped (undelivered rows simply stay in the table). It can be started
 * again after a stop (Spring's test framework pauses cached contexts that way).
 */
public final class GatewayLifecycle implements SmartLifecycle {

    private final LightningGateway gateway;
    private final PostgresMailbox mailbox;
    private final JdbcPeerAddressBook addresses;
    private final OnionMessageRouter router;
    private final PostgresPeerLeases leases;
    private volatile boolean running;

    public GatewayLifecycle(LightningGateway gateway, PostgresMailbox mailbox, JdbcPeerAddressBook addresses,
                            OnionMessageRouter router, PostgresPeerLeases leases) {
        this.gateway = gateway;
        this.leases = leases;
        this.mailbox = mailbox;
        this.addresses = addresses;
        this.router = router;
        gateway.peers().addListener(mailbox);
        gateway.peers().addListener(addresses);
    }

    @Override
    public synchronized void start() {
        try {
            gateway.start(router);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding the Lightning listener", e);
        }
        mailbox.start();
        leases.start(gateway);
        running = true;
    }

    @Override
    public synchronized void stop() {
        running = false;
        leases.close();
        gateway.stop();
        try {
            mailbox.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
