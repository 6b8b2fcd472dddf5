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
import io.staticinvoice.lightning.onion.RouteBlinding;
import io.staticinvoice.lightning.wire.NodeId;
import io.staticinvoice.lightning.wire.OnionMessage;
import io.staticinvoice.load.RecipientSetup.ReadyRecipient;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One payer node with one BOLT 8 connection to the server, paying offers as an LDK payer does: a
 * payment sends a signed invoice_request over the offer's path with a reply path to the payer padded
 * with dummy hops (introduced by the server, its peer, as LDK 0.3 payers do, or by the payer
 * itself); the next time any message arrives from the server, every payment still waiting sends
 * its invoice_request once more on a fresh reply path (rust-lightning's
 * {@code ChannelManager::message_received}, which runs before the message itself is handled, so
 * under load every payment sends two); the first static invoice ends the payment, which then sends
 * {@code held_htlc_available} over the invoice's message path (the server relays it into the
 * offline recipient's mailbox). An answer to a payment that already ended counts as an extra
 * answer. Every onion is built when it is sent: fresh session key, fresh reply path, and a fresh
 * invoice_request per payment. A reply is matched to its request by its {@code path_key}: the
 * reply path's first path key, or its second when the server introduces it (the server steps past
 * its own hop); every {@code verifyEvery}-th payment's answer is peeled completely and compared
 * with the recipient's invoice.
 *
 * <p>Like LDK's payer (rust-lightning's invoice request retry, #3010), a request still unanswered
 * after the retry interval is sent again on a fresh reply path, until the reply timeout ends the
 * payment as lost; and like any node with a peer it wants, it reconnects when the connection drops
 * (through a load balancer, to whichever replica it leads to).
 */
public final class PayerConnection implements AutoCloseable {

    /**
     * The payer trusts the server: no onion message rate limit, a deep queue, and no ping flood
     * limit, since the server paces its answers with a ping after every 256 KiB, which at these
     * rates is far more often than the default limit (meant for untrusted peers) allows.
     */
    private static final Map<String, String> GATEWAY_SETTINGS = Map.of(
            "sis.lightning.onion-message-rate.per-second", "1000000",
            "sis.lightning.onion-message-rate.burst", "1000000",
            "sis.lightning.max-queued-bytes-per-peer", "16MB",
            "sis.lightning.ping-burst", "1000000",
            "sis.lightning.ping-refill", "1ms");

    /** One payment: whom it pays, its invoice_request, when it started, whether its copy went out and whether it ended. */
    private static final class Payment {

        private final ReadyRecipient recipient;
        private final InvoiceRequest request;
        private final long startedAt = System.nanoTime();
        private final AtomicBoolean copied = new AtomicBoolean();
        private final AtomicBoolean ended = new AtomicBoolean();

        Payment(ReadyRecipient recipient, InvoiceRequest request) {
            this.recipient = recipient;
            this.request = request;
        }

        /** Ends the payment (its first static invoice came, or it was lost); false if it had ended. */
        boolean end() {
            return ended.compareAndSet(false, true);
        }

        boolean ended() {
            return ended.get();
        }

        /** Claims the payment's one copy (LDK's {@code needs_retry}); false if it went out already. */
        boolean claimCopy() {
            return copied.compareAndSet(false, true);
        }
    }

    /** One request waiting for its static invoice: its payment, what must come back, and when it left. */
    private record Outstanding(Payment payment, byte[] pathId, long sentAt) {
    }

    private final PrivateKey payerKey = PrivateKey.random();
    private final NodeIdentity identity;
    private final OnionMessageBuilder builder;
    private final List<ReadyRecipient> recipients;
    private final double hotShare;
    private final int dummyHops;
    private final boolean replyViaServer;
    private final boolean heldHtlc;
    private final LoadRecorder recorder;
    private final OnionPeeler peeler;
    private final LightningGateway gateway;
    private final Map<PublicKey, Outstanding> outstanding = new ConcurrentHashMap<>();
    /** Payments whose copy has not gone out: it goes when the next message from the server arrives. */
    private final Queue<Payment> awaitingCopy = new ConcurrentLinkedQueue<>();
    /** Reply paths of requests sent again since, with when they were first sent: an answer on one is late. */
    private final Map<PublicKey, Long> superseded = new ConcurrentHashMap<>();
    private final AtomicBoolean reconnecting = new AtomicBoolean();
    private final Semaphore window;
    private final AtomicLong requestCount = new AtomicLong();
    private volatile int packetLength;
    private volatile int invoiceRequestBytes;
    private volatile boolean running;
    private volatile NodeId serverId;
    private volatile InetSocketAddress serverAddress;
    private Thread sender;

    /**
     * A payer paying {@code recipients}: {@code hotShare} of its payments the first one, the
     * others each in turn starting at {@code firstRecipient}.
     */
    public PayerConnection(List<ReadyRecipient> recipients, int firstRecipient, double hotShare, int dummyHops,
                           boolean replyViaServer, boolean heldHtlc, int inFlight, LoadRecorder recorder) {
        PrivateKey key = PrivateKey.random();
        this.identity = NodeIdentity.of(key);
        this.builder = new OnionMessageBuilder(key, Optional.of(identity.receiveAuthKey()));
        this.recipients = List.copyOf(recipients);
        this.requestCount.set(firstRecipient);
        this.hotShare = hotShare;
        this.dummyHops = dummyHops;
        this.replyViaServer = replyViaServer;
        this.heldHtlc = heldHtlc;
        this.recorder = recorder;
        this.peeler = new OnionPeeler(key, Optional.of(identity.receiveAuthKey()));
        this.gateway = new LightningGateway(key, GatewayTestSupport.settings(GATEWAY_SETTINGS),
                new GatewayMetrics(new SimpleMeterRegistry()));
        this.window = new Semaphore(inFlight);
    }

    /** Size of the onion packets this payer sent last ({@code onion_message_packet}: version, key, hop data, HMAC). */
    public int packetLength() {
        return packetLength;
    }

    /** Size of the last invoice_request built, in bytes. */
    public int invoiceRequestBytes() {
        return invoiceRequestBytes;
    }

    /** Starts the payer's gateway and connects to the server. */
    public void connect(NodeId serverId, InetSocketAddress address) throws Exception {
        this.serverId = serverId;
        this.serverAddress = address;
        gateway.start(this::onOnionMessage);
        gateway.connect(serverId, address).get(30, TimeUnit.SECONDS);
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
        while (running) {
            if (interval > 0) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    continue;
                }
                next += interval;
                if (!window.tryAcquire()) {
                    recorder.sendFailed();
                    continue;
                }
            } else {
                try {
                    if (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
            Payment payment = newPayment();
            awaitingCopy.add(payment);
            send(payment);
        }
    }

    private Payment newPayment() {
        long n = requestCount.getAndIncrement();
        ReadyRecipient recipient = ThreadLocalRandom.current().nextDouble() < hotShare ? recipients.get(0)
                : recipients.get((int) (n % recipients.size()));
        byte[] metadata = new byte[32];
        ThreadLocalRandom.current().nextBytes(metadata);
        InvoiceRequest request = InvoiceRequest.builder(recipient.offer(), metadata).amountMsats(50_000).sign(payerKey);
        invoiceRequestBytes = request.bytes().length;
        return new Payment(recipient, request);
    }

    /**
     * Builds a fresh onion for one request of {@code payment} and sends it; when it cannot be sent
     * (no connection), it waits for its retry like one that went unanswered.
     */
    private void send(Payment payment) {
        byte[] pathId = new byte[16];
        ThreadLocalRandom.current().nextBytes(pathId);
        ReplyPath reply = replyPath(pathId);
        OutboundOnionMessage built = build(payment.recipient.offer().contents().paths().get(0),
                new TlvRecord(OnionMessageType.INVOICE_REQUEST.tlvType(), payment.request.bytes()), reply.path());
        OnionMessage onion = new OnionMessage(built.pathKey(), built.packet().encode());
        packetLength = onion.packetLength();
        outstanding.put(reply.answeredOn(), new Outstanding(payment, pathId, System.nanoTime()));
        recorder.sent();
        sendToServer(onion);
    }

    /** A reply path to this payer, and the path key the answer arrives with. */
    private record ReplyPath(BlindedMessagePath path, PublicKey answeredOn) {
    }

    private ReplyPath replyPath(byte[] pathId) {
        PrivateKey sessionKey = PrivateKey.random();
        List<BlindedPathFactory.ForwardNode> introduction = replyViaServer
                ? List.of(BlindedPathFactory.ForwardNode.of(serverId.key())) : List.of();
        BlindedMessagePath path = BlindedPathFactory.create(introduction, identity.nodeId().key(), dummyHops,
                identity.receiveAuthKey(), EncryptedData.receiveWithPathId(pathId), sessionKey);
        PublicKey answeredOn = replyViaServer
                ? RouteBlinding.step(sessionKey, serverId.key()).nextPathPrivateKey().publicKey() : path.pathKey();
        return new ReplyPath(path, answeredOn);
    }

    private OutboundOnionMessage build(BlindedMessagePath destination, TlvRecord message, BlindedMessagePath replyPath) {
        try {
            return builder.build(List.of(), destination, message, Optional.of(replyPath));
        } catch (OnionMessageSendException e) {
            throw new IllegalStateException("cannot build an onion message: " + e.getMessage(), e);
        }
    }

    private void sendToServer(OnionMessage onion) {
        Optional<Peer> server = gateway.peers().get(serverId);
        if (server.isEmpty()) {
            recorder.sendFailed();
            return;
        }
        server.get().send(onion).whenComplete((written, error) -> {
            if (error != null) {
                recorder.sendFailed();
            }
        });
    }

    /** LDK's {@code held_htlc_available} for the payment's recipient, which the server relays into its mailbox. */
    private void sendHeldHtlcAvailable(Payment payment) {
        byte[] pathId = new byte[16];
        ThreadLocalRandom.current().nextBytes(pathId);
        OutboundOnionMessage built = build(payment.recipient.messagePath(),
                new TlvRecord(OnionMessageType.HELD_HTLC_AVAILABLE.tlvType(), new byte[] {0}), replyPath(pathId).path());
        // Fire and forget, as LDK's: not a request, so not counted among those not sent.
        gateway.peers().get(serverId).ifPresent(server -> server.send(new OnionMessage(built.pathKey(), built.packet().encode())));
    }

    /**
     * Reconnects when the connection dropped, sends again the requests unanswered for
     * {@code retryNanos} on fresh reply paths, ends as lost the payments unanswered for
     * {@code timeoutNanos} since they started, and forgets the copies of ended payments that
     * were never answered (a server may answer a payment's copies once per connection).
     */
    public void tick(long timeoutNanos, long retryNanos) {
        reconnect();
        long now = System.nanoTime();
        superseded.values().removeIf(startedAt -> now - startedAt > timeoutNanos);
        outstanding.forEach((pathKey, request) -> {
            Payment payment = request.payment();
            if (payment.ended()) {
                if (now - request.sentAt() > timeoutNanos) {
                    outstanding.remove(pathKey, request);
                }
            } else if (now - payment.startedAt > timeoutNanos) {
                if (outstanding.remove(pathKey, request) && payment.end()) {
                    window.release();
                    recorder.lost();
                }
            } else if (now - request.sentAt() > retryNanos && outstanding.remove(pathKey, request)) {
                superseded.put(pathKey, payment.startedAt);
                recorder.retried();
                send(payment);
            }
        });
    }

    private void reconnect() {
        if (serverId == null || gateway.peers().isConnected(serverId) || !reconnecting.compareAndSet(false, true)) {
            return;
        }
        try {
            gateway.connect(serverId, serverAddress).whenComplete((peer, error) -> reconnecting.set(false));
        } catch (RuntimeException stopped) {
            reconnecting.set(false);
        }
    }

    /**
     * A message from the server, on the payer gateway's worker thread: first the copies of the
     * payments still waiting go out (as LDK's {@code message_received}), then the message is
     * handled: the first answer of a payment ends it and sends its {@code held_htlc_available}.
     */
    private void onOnionMessage(Peer from, OnionMessage message) {
        for (Payment waiting = awaitingCopy.poll(); waiting != null; waiting = awaitingCopy.poll()) {
            if (!waiting.ended() && running && waiting.claimCopy()) {
                send(waiting);
            }
        }
        Outstanding request = outstanding.remove(message.pathKey());
        if (request == null) {
            if (superseded.remove(message.pathKey()) != null) {
                recorder.late();
            } else {
                recorder.unexpected();
            }
            return;
        }
        Payment payment = request.payment();
        if (!payment.end()) {
            recorder.extra();
            return;
        }
        if (recorder.served(System.nanoTime() - payment.startedAt)) {
            recorder.verified(isExpectedInvoice(request, message));
        }
        window.release();
        if (heldHtlc) {
            sendHeldHtlcAvailable(payment);
        }
    }

    /** Peels the reply like any LDK payer would and checks it is the recipient's static invoice on our path. */
    private boolean isExpectedInvoice(Outstanding request, OnionMessage message) {
        try {
            return peeler.peel(message.pathKey(), message.packet()) instanceof PeeledMessage.Receive received
                    && received.authenticated()
                    && received.dummyHops() == dummyHops
                    && received.pathId().filter(id -> Arrays.equals(id, request.pathId())).isPresent()
                    && received.message().filter(m -> m.type() == OnionMessageType.STATIC_INVOICE.tlvType()
                            && Arrays.equals(m.value(), request.payment().recipient.invoice())).isPresent();
        } catch (DecodeException e) {
            return false;
        }
    }

    /** Requests waiting for their static invoice (or for their retry). */
    public int outstanding() {
        return outstanding.size();
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
