package io.staticinvoice.load;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.staticinvoice.gateway.GatewayMetrics;
import io.staticinvoice.gateway.GatewayTestSupport;
import io.staticinvoice.gateway.LightningGateway;
import io.staticinvoice.gateway.NodeIdentity;
import io.staticinvoice.gateway.Peer;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.crypto.PublicKey;
import io.staticinvoice.lightning.offers.InvoiceRequest;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.onion.BlindedPathFactory;
import io.staticinvoice.lightning.onion.EncryptedData;
import io.staticinvoice.lightning.onion.OnionMessageBuilder;
import io.staticinvoice.lightning.onion.OnionMessageSendException;
import io.staticinvoice.lightning.onion.OnionMessageType;
import io.staticinvoice.lightning.onion.OnionPeeler;
import io.staticinvoice.lightning.onion.OutboundOnionMessage;
import io.staticinvoice.lightning.onion.PeeledMessage;
import io.staticinvoice.lightning.wire.NodeId;
import io.staticinvoice.lightning.wire.OnionMessage;
import io.staticinvoice.load.RecipientSetup.ReadyRecipient;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One payer node with one BOLT 8 connection to the server, sending invoice_requests shaped like
 * an LDK payer's: a signed invoice_request over the offer's path (the server's hop and its dummy
 * hops) with a reply path to the payer padded with dummy hops, in a 32768-byte onion packet.
 *
 * <p>Before the load it builds a pool of distinct such onion messages (fresh session key, fresh
 * reply path, fresh invoice_request each) and then cycles through them, so that during the load
 * the payer's CPU goes to the transport only; the server has no replay cache, so a resent onion
 * costs it exactly what a new one does. A reply is matched to its request by its
 * {@code path_key}, which is the first path key of the request's reply path; every
 * {@code verifyEvery}-th reply is peeled completely and compared with the recipient's invoice.
 */
public final class PayerConnection implements AutoCloseable {

    private static final Map<String, String> GATEWAY_SETTINGS = Map.of(
            "sis.lightning.onion-message-rate.per-second", "1000000",
            "sis.lightning.onion-message-rate.burst", "1000000",
            "sis.lightning.max-queued-bytes-per-peer", "16MB");

    /** One pooled request: its onion, what must come back, and when it was last sent (0 = idle). */
    private record Pooled(OnionMessage onion, byte[] pathId, byte[] invoice, AtomicLong sentAt) {
    }

    private final int dummyHops;
    private final LoadRecorder recorder;
    private final OnionPeeler peeler;
    private final LightningGateway gateway;
    private final List<Pooled> pool;
    private final Map<PublicKey, Pooled> byReplyPathKey;
    private final Semaphore window;
    private final int invoiceRequestBytes;
    private volatile boolean running;
    private Peer server;
    private Thread sender;

    private PayerConnection(PrivateKey key, int dummyHops, LoadRecorder recorder, List<Pooled> pool,
                            Map<PublicKey, Pooled> byReplyPathKey, int inFlight, int invoiceRequestBytes) {
        this.dummyHops = dummyHops;
        this.recorder = recorder;
        NodeIdentity identity = NodeIdentity.of(key);
        this.peeler = new OnionPeeler(key, Optional.of(identity.receiveAuthKey()));
        this.gateway = new LightningGateway(key, GatewayTestSupport.settings(GATEWAY_SETTINGS),
                new GatewayMetrics(new SimpleMeterRegistry()));
        this.pool = pool;
        this.byReplyPathKey = byReplyPathKey;
        this.window = new Semaphore(inFlight);
        this.invoiceRequestBytes = invoiceRequestBytes;
    }

    /**
     * Builds a payer whose pool holds {@code poolSize} requests to {@code recipients}, taken in
     * turn starting at {@code firstRecipient}.
     */
    public static PayerConnection build(List<ReadyRecipient> recipients, int firstRecipient, int poolSize,
                                        int dummyHops, int inFlight, LoadRecorder recorder) {
        PrivateKey key = PrivateKey.random();
        NodeIdentity identity = NodeIdentity.of(key);
        PrivateKey payerKey = PrivateKey.random();
        OnionMessageBuilder builder = new OnionMessageBuilder(key, Optional.of(identity.receiveAuthKey()));
        SecureRandom random = new SecureRandom();
        List<Pooled> pool = new ArrayList<>(poolSize);
        Map<PublicKey, Pooled> byReplyPathKey = new HashMap<>();
        int requestBytes = 0;
        for (int i = 0; i < poolSize; i++) {
            ReadyRecipient recipient = recipients.get((firstRecipient + i) % recipients.size());
            byte[] metadata = new byte[32];
            random.nextBytes(metadata);
            InvoiceRequest request = InvoiceRequest.builder(recipient.offer(), metadata).amountMsats(50_000)
                    .sign(payerKey);
            byte[] pathId = ("load/" + identity.nodeId() + "/" + i).getBytes(StandardCharsets.US_ASCII);
            BlindedMessagePath replyPath = BlindedPathFactory.create(List.of(), identity.nodeId().key(), dummyHops,
                    identity.receiveAuthKey(), EncryptedData.receiveWithPathId(pathId));
            OutboundOnionMessage built;
            try {
                built = builder.build(List.of(), recipient.offer().contents().paths().get(0),
                        new TlvRecord(OnionMessageType.INVOICE_REQUEST.tlvType(), request.bytes()),
                        Optional.of(replyPath));
            } catch (OnionMessageSendException e) {
                throw new IllegalStateException("cannot build an invoice_request onion: " + e.getMessage(), e);
            }
            Pooled pooled = new Pooled(new OnionMessage(built.pathKey(), built.packet().encode()), pathId,
                    recipient.invoice(), new AtomicLong());
            pool.add(pooled);
            byReplyPathKey.put(replyPath.pathKey(), pooled);
            requestBytes = request.bytes().length;
        }
        return new PayerConnection(key, dummyHops, recorder, List.copyOf(pool), byReplyPathKey, inFlight, requestBytes);
    }

    /** Size of the onion packets this payer sends ({@code onion_message_packet}: version, key, hop data, HMAC). */
    public int packetLength() {
        return pool.get(0).onion().packetLength();
    }

    /** Size of the last invoice_request built, in bytes. */
    public int invoiceRequestBytes() {
        return invoiceRequestBytes;
    }

    /** Starts the payer's gateway and connects to the server. */
    public void connect(NodeId serverId, InetSocketAddress address) throws Exception {
        gateway.start(this::onOnionMessage);
        server = gateway.connect(serverId, address).get(30, TimeUnit.SECONDS);
    }

    /**
     * Starts sending on a thread of its own: {@code ratePerSecond} requests per second when
     * positive (open loop), else whenever fewer than {@code inFlight} are outstanding.
     */
    public void start(double ratePerSecond) {
        running = true;
        sender = new Thread(() -> sendLoop(ratePerSecond), "payer-" + gateway.nodeId().hex().substring(0, 8));
        sender.setDaemon(true);
        sender.start();
    }

    private void sendLoop(double ratePerSecond) {
        long interval = ratePerSecond > 0 ? (long) (1e9 / ratePerSecond) : 0;
        long next = System.nanoTime();
        int cursor = 0;
        while (running) {
            if (interval > 0) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    continue;
                }
                next += interval;
            } else {
                try {
                    if (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
            Pooled request = null;
            for (int tried = 0; tried < pool.size() && request == null; tried++) {
                Pooled candidate = pool.get(cursor);
                cursor = (cursor + 1) % pool.size();
                if (candidate.sentAt().compareAndSet(0, System.nanoTime())) {
                    request = candidate;
                }
            }
            if (request == null) {
                if (interval == 0) {
                    window.release();
                }
                recorder.sendFailed();
                continue;
            }
            Pooled sent = request;
            recorder.sent();
            server.send(sent.onion()).whenComplete((written, error) -> {
                if (error != null && sent.sentAt().getAndSet(0) != 0) {
                    window.release();
                    recorder.sendFailed();
                }
            });
        }
    }

    /** Counts requests unanswered for longer than {@code timeoutNanos} as lost and frees them. */
    public void expire(long timeoutNanos) {
        long now = System.nanoTime();
        for (Pooled request : pool) {
            long sentAt = request.sentAt().get();
            if (sentAt != 0 && now - sentAt > timeoutNanos && request.sentAt().compareAndSet(sentAt, 0)) {
                window.release();
                recorder.lost();
            }
        }
    }

    /** A reply from the server, on the payer gateway's worker thread. */
    private void onOnionMessage(Peer from, OnionMessage message) {
        Pooled request = byReplyPathKey.get(message.pathKey());
        long sentAt = request == null ? 0 : request.sentAt().getAndSet(0);
        if (sentAt == 0) {
            recorder.unexpected();
            return;
        }
        long latency = System.nanoTime() - sentAt;
        window.release();
        if (recorder.served(latency)) {
            recorder.verified(isExpectedInvoice(request, message));
        }
    }

    /** Peels the reply like any LDK payer would and checks it is the recipient's static invoice on our path. */
    private boolean isExpectedInvoice(Pooled request, OnionMessage message) {
        try {
            return peeler.peel(message.pathKey(), message.packet()) instanceof PeeledMessage.Receive received
                    && received.authenticated()
                    && received.dummyHops() == dummyHops
                    && received.pathId().filter(id -> Arrays.equals(id, request.pathId())).isPresent()
                    && received.message().filter(m -> m.type() == OnionMessageType.STATIC_INVOICE.tlvType()
                            && Arrays.equals(m.value(), request.invoice())).isPresent();
        } catch (DecodeException e) {
            return false;
        }
    }

    /** Stops sending (outstanding requests may still be answered until {@link #close()}). */
    public void stop() throws InterruptedException {
        running = false;
        if (sender != null) {
            sender.join(5_000);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        gateway.stop();
    }
}
