package io.staticinvoice.relay;

import io.staticinvoice.gateway.EventLoopHeartbeat;
import io.staticinvoice.gateway.LightningGateway;
import io.staticinvoice.gateway.OnionMessageRouter;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the gateway with the application context, once everything else (database, server
 * handlers, the replica's heartbeat) is ready: the listener is bound and the first round of the
 * configured peers' leases is taken before {@link #start} returns, so Spring reports the replica
 * ready only after both. It stops first on shutdown, after Spring has set readiness to
 * refusing traffic, in this order (README, "Graceful shutdown"):
 * <ol>
 *   <li>the listener closes and the connected peers are no longer read from: no new peers, no new work;</li>
 *   <li>the worker pool finishes the onion messages already taken (up to {@code sis.lightning.drain-timeout}),
 *       answering on the connections, still open;</li>
 *   <li>the configured peers' leases are given back, so another replica dials those peers;</li>
 *   <li>the connections close once what was written to them is sent, so peers reconnect to another replica;</li>
 *   <li>this replica's peers are withdrawn from the other replicas' view, and mailbox delivery stops
 *       (undelivered rows simply stay in the table; forwarded invoice_requests held in memory are dropped).</li>
 * </ol>
 * It can be started again after a stop (Spring's test framework pauses cached contexts that way).
 * While it runs, the {@link EventLoopHeartbeat} watches the gateway's event loops.
 */
public final class GatewayLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GatewayLifecycle.class);

    private final LightningGateway gateway;
    private final PostgresMailbox mailbox;
    private final JdbcPeerAddressBook addresses;
    private final OnionMessageRouter router;
    private final PostgresPeerLeases leases;
    private final EventLoopHeartbeat heartbeat;
    private final PostgresReplicaRelay relay;
    private final ForwardedRequests forwardedRequests;
    private final Duration drainTimeout;
    private volatile boolean running;

    public GatewayLifecycle(LightningGateway gateway, PostgresMailbox mailbox, JdbcPeerAddressBook addresses,
                            OnionMessageRouter router, PostgresPeerLeases leases, EventLoopHeartbeat heartbeat,
                            PostgresReplicaRelay relay, ForwardedRequests forwardedRequests, Duration drainTimeout) {
        this.drainTimeout = drainTimeout;
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
        try {
            if (!gateway.quiesce(drainTimeout)) {
                log.warn("Onion message work still running after {}; closing the peers' connections anyway", drainTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
