package io.staticinvoice.relay;

import io.staticinvoice.gateway.EventLoopHeartbeat;
import io.staticinvoice.gateway.LightningGateway;
import io.staticinvoice.gateway.OnionMessageRouter;

import org.springframework.context.SmartLifecycle;

/**
 * Starts the gateway with the application context, once everything else (database, server
 * handlers) is ready, then takes the configured peers' leases; and stops it first on shutdown:
 * leases given back (another replica dials those peers), no new peers, connections closed,
 * this replica's peers withdrawn from the other replicas' view, mailbox delivery stopped
 * (undelivered rows simply stay in the table; forwarded invoice_requests held in memory are
 * dropped). It can be started
 * again after a stop (Spring's test framework pauses cached contexts that way). While it runs,
 * the {@link EventLoopHeartbeat} watches the gateway's event loops.
 */
public final class GatewayLifecycle implements SmartLifecycle {

    private final LightningGateway gateway;
    private final PostgresMailbox mailbox;
    private final JdbcPeerAddressBook addresses;
    private final OnionMessageRouter router;
    private final PostgresPeerLeases leases;
    private final EventLoopHeartbeat heartbeat;
    private final PostgresReplicaRelay relay;
    private final ForwardedRequests forwardedRequests;
    private volatile boolean running;

    public GatewayLifecycle(LightningGateway gateway, PostgresMailbox mailbox, JdbcPeerAddressBook addresses,
                            OnionMessageRouter router, PostgresPeerLeases leases, EventLoopHeartbeat heartbeat,
                            PostgresReplicaRelay relay, ForwardedRequests forwardedRequests) {
        this.relay = relay;
        this.forwardedRequests = forwardedRequests;
        this.gateway = gateway;
        this.leases = leases;
        this.heartbeat = heartbeat;
        this.mailbox = mailbox;
        this.addresses = addresses;
        this.router = router;
        gateway.peers().addListener(mailbox);
        gateway.peers().addListener(addresses);
        gateway.peers().addListener(relay);
        gateway.peers().addListener(forwardedRequests);
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
        relay.start(forwardedRequests::relayedHere, forwardedRequests::arrivedElsewhere);
        gateway.peers().all().forEach(relay::peerConnected);
        mailbox.start();
        leases.start(gateway);
        running = true;
    }

    @Override
    public synchronized void stop() {
        running = false;
        leases.close();
        heartbeat.stop();
        gateway.stop();
        relay.close();
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
