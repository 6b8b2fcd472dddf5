package io.staticinvoice.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.staticinvoice.relay.ForwardedRequests;
import io.staticinvoice.gateway.GatewayMetrics;
import io.staticinvoice.relay.OtherReplicas;
import io.staticinvoice.gateway.LightningGateway;
import io.staticinvoice.relay.Mailbox;
import io.staticinvoice.gateway.NodeIdentity;
import io.staticinvoice.gateway.OnionMessageRouter;
import io.staticinvoice.relay.OnionMessageSender;
import io.staticinvoice.gateway.Peer;
import io.staticinvoice.relay.PeerAddressBook;
import io.staticinvoice.gateway.UnbuiltOnionMessage;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.onion.BlindedPathFactory;
import io.staticinvoice.lightning.onion.EncryptedData;
import io.staticinvoice.lightning.onion.OnionMessageBuilder;
import io.staticinvoice.lightning.onion.OnionMessageType;
import io.staticinvoice.lightning.onion.OutboundOnionMessage;
import io.staticinvoice.lightning.onion.UnblindingCache;
import io.staticinvoice.lightning.wire.NodeId;
import io.staticinvoice.lightning.wire.OnionMessage;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Onion messages relayed per second over loopback by three gateways in one JVM: a sender writes a
 * pre-built onion message to a relay, whose router peels it (BOLT 4) and forwards it to the
 * destination, whose router peels it and hands it to its handler. One operation is one message
 * arriving at the destination's handler; batches of 100 are in flight at once, paced by pongs
 * (32 messages or 256 KiB per round trip) exactly as for LDK peers. All three gateways share the
 * 2 cores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OnionRelayBenchmark {

    private static final int BATCH = 100;

    /** Message TLV size: 100 bytes fits the 1300-byte packet, 1600 (a static invoice) needs the 32768-byte one. */
    @Param({"100", "1600"})
    public int messageSize;

    /** Every hop is connected: nothing may reach a mailbox. */
    private static final Mailbox NO_MAILBOX = new Mailbox() {
        @Override
        public CompletableFuture<Boolean> store(NodeId destination, OnionMessage message) {
            throw new IllegalStateException("unexpected mailbox use for " + destination);
        }

        @Override
        public CompletableFuture<Boolean> store(UnbuiltOnionMessage message) {
            throw new IllegalStateException("unexpected mailbox use for " + message.firstHop());
        }
    };

    /** Every hop is connected: no address is looked up. */
    private static final PeerAddressBook NO_ADDRESSES = new PeerAddressBook() {
        @Override
        public Optional<InetSocketAddress> lookup(NodeId nodeId) {
            return Optional.empty();
        }

        @Override
        public void remember(NodeId nodeId, InetSocketAddress address) {
            throw new IllegalStateException("unexpected address for " + nodeId);
        }
    };

    private final Semaphore received = new Semaphore(0);
    private LightningGateway sender;
    private LightningGateway relay;
    private LightningGateway destination;
    private Peer senderToRelay;
    private OnionMessage prebuilt;

    private static LightningGateway routed(PrivateKey key, Runnable onReceive) throws InterruptedException {
        NodeIdentity identity = NodeIdentity.of(key);
        GatewayMetrics metrics = new GatewayMetrics(new SimpleMeterRegistry());
        LightningGateway gateway = new LightningGateway(key, LoopbackSettings.lightning(), metrics);
        UnblindingCache unblindings = UnblindingCache.none(key);
        OnionMessageSender out = new OnionMessageSender(identity, unblindings, gateway, NO_MAILBOX, NO_ADDRESSES,
                ForwardedRequests.of(gateway, OtherReplicas.NONE, identity.onionMessageBuilder(unblindings), metrics,
                        LoopbackSettings.mailbox(), () -> 1));
        gateway.start(new OnionMessageRouter(identity, unblindings, out, (message, responder) -> onReceive.run(), metrics));
        return gateway;
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        PrivateKey destinationKey = PrivateKey.random();
        PrivateKey relayKey = PrivateKey.random();
        destination = routed(destinationKey, received::release);
        relay = routed(relayKey, () -> { });
        sender = routed(PrivateKey.random(), () -> { });
        senderToRelay = sender.connect(relay.nodeId(), relay.boundAddress()).get(5, TimeUnit.SECONDS);
        destination.connect(relay.nodeId(), relay.boundAddress()).get(5, TimeUnit.SECONDS);
        while (!relay.peers().isConnected(destination.nodeId())) {
            Thread.sleep(5);
        }
        BlindedMessagePath path = BlindedPathFactory.create(
                List.of(BlindedPathFactory.ForwardNode.of(relayKey.publicKey())), destinationKey.publicKey(), 0,
                NodeIdentity.of(destinationKey).receiveAuthKey(), EncryptedData.receiveWithPathId(new byte[16]));
        OutboundOnionMessage built = new OnionMessageBuilder(PrivateKey.random(), Optional.empty()).build(List.of(),
                path, new TlvRecord(OnionMessageType.INVOICE_REQUEST.tlvType(), new byte[messageSize]), Optional.empty());
        prebuilt = new OnionMessage(built.pathKey(), built.packet().encode());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        sender.stop();
        relay.stop();
        destination.stop();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void relay() throws InterruptedException, TimeoutException {
        for (int i = 0; i < BATCH; i++) {
            senderToRelay.send(prebuilt);
        }
        if (!received.tryAcquire(BATCH, 30, TimeUnit.SECONDS)) {
            throw new TimeoutException("only " + received.availablePermits() + " of " + BATCH + " messages arrived");
        }
    }
}
