package io.staticinvoice.gateway;

import io.staticinvoice.relay.ForwardedRequests;
import io.staticinvoice.relay.Mailbox;
import io.staticinvoice.relay.OnionMessageSender;
import io.staticinvoice.relay.OtherReplicas;
import io.staticinvoice.relay.PeerAddressBook;
import io.staticinvoice.relay.PostgresMailbox;
import io.staticinvoice.relay.PostgresReplicaRelay;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.staticinvoice.config.LightningProperties;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.onion.BlindedPathFactory;
import io.staticinvoice.lightning.onion.EncryptedData;
import io.staticinvoice.lightning.onion.UnblindingCache;
import io.staticinvoice.lightning.wire.NodeId;
import io.staticinvoice.lightning.wire.OnionMessage;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * A whole gateway node for routing tests, wired like {@link GatewayConfiguration} wires the
 * application: identity, gateway, sender, router; what its handler receives lands in
 * {@link #received}. The mailbox and address book are given (in memory or PostgreSQL).
 */
public final class RoutedNode implements AutoCloseable {

    /** One message the handler got, with the responder it came with. */
    public record Delivered(ReceivedMessage message, Responder responder) {
        public String pathIdText() {
            return new String(message.pathId().orElseThrow(), StandardCharsets.UTF_8);
        }
    }

    /** Remembers what was stored, per destination, in order: relayed onions, and this node's own messages unbuilt. */
    public static final class MemoryMailbox implements Mailbox {
        final List<Map.Entry<NodeId, OnionMessage>> stored = new CopyOnWriteArrayList<>();
        final List<UnbuiltOnionMessage> unbuilt = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<Boolean> store(NodeId destination, OnionMessage message) {
            return CompletableFuture.completedFuture(stored.add(Map.entry(destination, message)));
        }

        @Override
        public CompletableFuture<Boolean> store(UnbuiltOnionMessage message) {
            return CompletableFuture.completedFuture(unbuilt.add(message));
        }
    }

    /** Addresses known to the test. */
    public static final class MemoryAddressBook implements PeerAddressBook {
        final Map<NodeId, InetSocketAddress> addresses = new HashMap<>();

        @Override
        public Optional<InetSocketAddress> lookup(NodeId nodeId) {
            return Optional.ofNullable(addresses.get(nodeId));
        }

        @Override
        public void remember(NodeId nodeId, InetSocketAddress address) {
            addresses.put(nodeId, address);
        }
    }

    final NodeIdentity identity;
    public final LightningGateway gateway;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final GatewayMetrics metrics = new GatewayMetrics(meters);
    public final OnionMessageSender sender;
    /** This node's forwarded invoice_requests for nodes not connected to it. */
    public final ForwardedRequests held;
    public final BlockingQueue<Delivered> received = new LinkedBlockingQueue<>();
    final Mailbox mailbox;

    public RoutedNode(PrivateKey key, LightningProperties.Lightning settings, Mailbox mailbox, PeerAddressBook addresses,
               BiConsumer<ReceivedMessage, Responder> reaction) throws InterruptedException {
        this(key, settings, (BiFunction<LightningGateway, GatewayMetrics, Mailbox>) (gateway, metrics) -> mailbox,
                addresses, reaction, OtherReplicas.NONE);
    }

    /**
     * A node whose mailbox is made for its gateway (a {@link PostgresMailbox} needs its peer
     * registry); a mailbox that listens to peers is attached and started as the application does.
     */
    public static RoutedNode withMailboxFor(PrivateKey key, LightningProperties.Lightning settings,
                                     BiFunction<LightningGateway, GatewayMetrics, Mailbox> mailboxFactory,
                                     PeerAddressBook addresses, BiConsumer<ReceivedMessage, Responder> reaction)
            throws InterruptedException {
        return new RoutedNode(key, settings, mailboxFactory, addresses, reaction, OtherReplicas.NONE);
    }

    /** One replica of a node whose other replicas are {@code others}; the relay is attached and started as the application does. */
    public static RoutedNode replica(PrivateKey key, BiFunction<LightningGateway, GatewayMetrics, Mailbox> mailboxFactory,
                              PostgresReplicaRelay others) throws InterruptedException {
        RoutedNode node = new RoutedNode(key, GatewayTestSupport.settings(Map.of()), mailboxFactory,
                new MemoryAddressBook(), (message, responder) -> { }, others);
        node.gateway.peers().addListener(others);
        others.start(node.held::relayedHere, node.held::arrivedElsewhere);
        return node;
    }

    private RoutedNode(PrivateKey key, LightningProperties.Lightning settings,
                       BiFunction<LightningGateway, GatewayMetrics, Mailbox> mailboxFactory,
                       PeerAddressBook addresses, BiConsumer<ReceivedMessage, Responder> reaction,
                       OtherReplicas others)
            throws InterruptedException {
        identity = NodeIdentity.of(key);
        gateway = new LightningGateway(key, settings, metrics);
        mailbox = mailboxFactory.apply(gateway, metrics);
        if (mailbox instanceof PeerListener listener) {
            gateway.peers().addListener(listener);
        }
        UnblindingCache unblindings = new UnblindingCache(key, settings.pathKeyCacheSize());
        held = new ForwardedRequests(gateway.peers(), others, identity.onionMessageBuilder(unblindings),
                gateway.workers().executor(), metrics, Duration.ofMinutes(1), 10, () -> 1000, System::nanoTime);
        gateway.peers().addListener(held);
        sender = new OnionMessageSender(identity, unblindings, gateway, mailbox, addresses, held);
        OnionMessageRouter router = new OnionMessageRouter(identity, unblindings, sender, (message, responder) -> {
            received.add(new Delivered(message, responder));
            reaction.accept(message, responder);
        }, metrics);
        gateway.start(router);
        if (mailbox instanceof PostgresMailbox postgres) {
            postgres.start();
        }
    }

    public static RoutedNode start(Mailbox mailbox) throws InterruptedException {
        return new RoutedNode(PrivateKey.random(), GatewayTestSupport.settings(Map.of()), mailbox,
                new MemoryAddressBook(), (message, responder) -> { });
    }

    public NodeId id() {
        return identity.nodeId();
    }

    /** A blinded path {@code forwarders... -> this node} whose final hop carries {@code pathId}. */
    public BlindedMessagePath pathThrough(List<NodeId> forwarders, String pathId) {
        List<BlindedPathFactory.ForwardNode> hops = new ArrayList<>();
        forwarders.forEach(node -> hops.add(BlindedPathFactory.ForwardNode.of(node.key())));
        return BlindedPathFactory.create(hops, identity.nodeId().key(), 0, identity.receiveAuthKey(),
                EncryptedData.receiveWithPathId(pathId.getBytes(StandardCharsets.UTF_8)));
    }

    public Peer connectTo(RoutedNode other) throws Exception {
        return gateway.connect(other.id(), other.gateway.boundAddress()).get(5, java.util.concurrent.TimeUnit.SECONDS);
    }

    public double drops(GatewayMetrics.Drop reason) {
        var counter = meters.find(GatewayMetrics.DROPS).tag("reason", reason.name().toLowerCase()).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() throws InterruptedException {
        gateway.stop();
        if (mailbox instanceof PostgresMailbox postgres) {
            postgres.close();
        }
    }
}
