package io.staticinvoice.check;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.staticinvoice.config.LightningProperties;
import io.staticinvoice.gateway.Delivery;
import io.staticinvoice.relay.ForwardedRequests;
import io.staticinvoice.gateway.GatewayMetrics;
import io.staticinvoice.gateway.LightningGateway;
import io.staticinvoice.relay.Mailbox;
import io.staticinvoice.gateway.NodeIdentity;
import io.staticinvoice.gateway.OnionMessageRouter;
import io.staticinvoice.relay.OnionMessageSender;
import io.staticinvoice.relay.OtherReplicas;
import io.staticinvoice.relay.PeerAddressBook;
import io.staticinvoice.gateway.ReceivedMessage;
import io.staticinvoice.gateway.UnbuiltOnionMessage;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.onion.BlindedPathFactory;
import io.staticinvoice.lightning.onion.EncryptedData;
import io.staticinvoice.lightning.onion.OnionMessageType;
import io.staticinvoice.lightning.onion.UnblindingCache;
import io.staticinvoice.lightning.wire.NodeId;
import io.staticinvoice.lightning.wire.OnionMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * A Lightning node on the client side of the protocol, made of the server's own {@code lightning}
 * and {@code gateway} code (BOLT 8 transport, BOLT 4 onion messages and route blinding): it
 * connects out to a server, sends onion messages over blinded paths and collects what arrives over
 * blinded paths that end at itself. It keeps no mailbox: a message for a peer that is not
 * connected fails. The {@link Wallet} and the {@link Payer} of the check are made of it.
 */
public class ClientNode implements AutoCloseable {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final PrivateKey key;
    private final LightningProperties properties;
    private final LightningProperties.Lightning settings;
    private final BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
    private NodeIdentity identity;
    private LightningGateway gateway;
    private OnionMessageSender sender;

    /** A node for {@code network} ({@code sis.lightning.network}'s values) whose listener is on loopback. */
    public ClientNode(PrivateKey key, String network) {
        this(key, network, Map.of());
    }

    /** As {@link #ClientNode(PrivateKey, String)}, with more {@code sis.lightning.*} settings of its gateway. */
    protected ClientNode(PrivateKey key, String network, Map<String, String> settings) {
        this.key = key;
        Map<String, String> values = new HashMap<>(Map.of(
                "sis.lightning.listen", "127.0.0.1:0",
                "sis.lightning.network", network,
                "sis.lightning.event-loop-threads", "1",
                "sis.lightning.worker-threads", "1"));
        values.putAll(settings);
        this.properties = new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("sis", LightningProperties.class);
        this.settings = properties.lightning();
    }

    /** Starts (or restarts, after {@link #close}) the node's gateway. */
    public void start() throws InterruptedException {
        identity = NodeIdentity.of(key);
        GatewayMetrics metrics = new GatewayMetrics(new SimpleMeterRegistry());
        gateway = new LightningGateway(key, settings, metrics);
        UnblindingCache unblindings = new UnblindingCache(key, settings.pathKeyCacheSize());
        sender = new OnionMessageSender(identity, unblindings, gateway, NO_MAILBOX, NO_ADDRESSES,
                ForwardedRequests.of(gateway, OtherReplicas.NONE, identity.onionMessageBuilder(unblindings), metrics,
                        properties.mailbox(), () -> 1));
        gateway.start(new OnionMessageRouter(identity, unblindings, sender,
                (message, responder) -> received.add(message), metrics));
    }

    public NodeId id() {
        return identity.nodeId();
    }

    /** Connects to {@code peer} at {@code address}, waiting for the BOLT 1 init exchange. */
    public void connect(NodeId peer, InetSocketAddress address) throws Exception {
        gateway.connect(peer, address).get(settings.connectTimeout().plus(settings.handshakeTimeout()).toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** A blinded path {@code forwarders... -> this node} whose final hop carries {@code pathId}. */
    public BlindedMessagePath pathThrough(List<NodeId> forwarders, String pathId) {
        List<BlindedPathFactory.ForwardNode> hops = forwarders.stream()
                .map(node -> BlindedPathFactory.ForwardNode.of(node.key())).toList();
        return BlindedPathFactory.create(hops, identity.nodeId().key(), 0, identity.receiveAuthKey(),
                EncryptedData.receiveWithPathId(pathId.getBytes(StandardCharsets.UTF_8)));
    }

    /** Sends {@code message} to the end of {@code destination}, with {@code replyPath} for the answer. */
    public Delivery send(BlindedMessagePath destination, TlvRecord message, Optional<BlindedMessagePath> replyPath)
            throws Exception {
        return sender.send(destination, message, replyPath).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next message of {@code type} arriving within {@code timeout}, skipping others. */
    public Optional<ReceivedMessage> poll(OnionMessageType type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long left = timeout.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            Optional<ReceivedMessage> message = next(Duration.ofNanos(left));
            if (message.isPresent() && message.get().message().type() == type.tlvType()) {
                return message;
            }
        }
        return Optional.empty();
    }

    /** The next message of any type arriving within {@code timeout}. */
    public Optional<ReceivedMessage> next(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(received.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
    }

    /** As {@link #poll}, failing when no message of {@code type} comes within {@code timeout}. */
    public ReceivedMessage await(OnionMessageType type, Duration timeout)
            throws InterruptedException, TimeoutException {
        Optional<ReceivedMessage> message = poll(type, timeout);
        if (message.isEmpty()) {
            throw new TimeoutException("no " + type + " within " + timeout.toMillis() + " ms");
        }
        return message.get();
    }

    @Override
    public void close() {
        if (gateway != null) {
            gateway.stop();
            gateway = null;
        }
    }

    private static final Mailbox NO_MAILBOX = new Mailbox() {
        @Override
        public CompletableFuture<Boolean> store(NodeId destination, OnionMessage message) {
            return CompletableFuture.completedFuture(false);
        }

        @Override
        public CompletableFuture<Boolean> store(UnbuiltOnionMessage message) {
            return CompletableFuture.completedFuture(false);
        }
    };

    private static final PeerAddressBook NO_ADDRESSES = new PeerAddressBook() {
        @Override
        public Optional<InetSocketAddress> lookup(NodeId nodeId) {
            return Optional.empty();
        }

        @Override
        public void remember(NodeId nodeId, InetSocketAddress address) {
        }
    };
}
