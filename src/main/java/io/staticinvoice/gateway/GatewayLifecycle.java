package io.staticinvoice.gateway;

import org.springframework.context.SmartLifecycle;

/**
 * Starts the gateway with the application context, once everything else (database, server
 * handlers) is ready, and stops it first on shutdown: no new peers, connections closed,
 * mailbox delivery stopped (undelivered rows simply stay in the table). It can be started
 * again after a stop (Spring's test framework pauses cached contexts that way). While it runs,
 * the {@link EventLoopHeartbeat} watches the gateway's event loops.
 */
public final class GatewayLifecycle implements SmartLifecycle {

    private final LightningGateway gateway;
    private final PostgresMailbox mailbox;
    private final JdbcPeerAddressBook addresses;
    private final OnionMessageRouter router;
    private final EventLoopHeartbeat heartbeat;
    private volatile boolean running;

    public GatewayLifecycle(LightningGateway gateway, PostgresMailbox mailbox, JdbcPeerAddressBook addresses,
                            OnionMessageRouter router, EventLoopHeartbeat heartbeat) {
        this.gateway = gateway;
        this.mailbox = mailbox;
        this.addresses = addresses;
        this.router = router;
        this.heartbeat = heartbeat;
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
        heartbeat.start(gateway.eventLoops());
        mailbox.start();
        running = true;
    }

    @Override
    public synchronized void stop() {
        running = false;
        heartbeat.stop();
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
