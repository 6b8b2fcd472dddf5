package io.staticinvoice.reference;

import static org.assertj.core.api.Assertions.fail;

import io.staticinvoice.gateway.Delivery;
import io.staticinvoice.gateway.GatewayTestSupport;
import io.staticinvoice.gateway.ReceivedMessage;
import io.staticinvoice.gateway.RoutedNode;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.onion.OnionMessageType;
import io.staticinvoice.lightning.wire.NodeId;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Lightning node for end-to-end tests, built only on the {@code lightning} and {@code gateway}
 * packages: it connects to the server over BOLT 8, sends onion messages over blinded paths and
 * collects what arrives over its own paths. The reference recipient and payer are made of it.
 */
public class ReferenceNode implements AutoCloseable {

    private final PrivateKey key;
    private RoutedNode node;

    public ReferenceNode(PrivateKey key) {
        this.key = key;
    }

    /** Starts (or restarts, after {@link #close}) the node's gateway on a loopback port. */
    public void start() throws InterruptedException {
        node = new RoutedNode(key, GatewayTestSupport.settings(Map.of()), new RoutedNode.MemoryMailbox(),
                new RoutedNode.MemoryAddressBook(), (message, responder) -> { });
    }

    public NodeId id() {
        return node.id();
    }

    public void connect(NodeId server, InetSocketAddress address) throws Exception {
        node.gateway.connect(server, address).get(10, TimeUnit.SECONDS);
    }

    /** A path {@code forwarders... -> this node} whose final hop carries {@code pathId}. */
    public BlindedMessagePath pathThrough(List<NodeId> forwarders, String pathId) {
        return node.pathThrough(forwarders, pathId);
    }

    public Delivery send(BlindedMessagePath destination, TlvRecord message, Optional<BlindedMessagePath> replyPath)
            throws Exception {
        return node.sender.send(destination, message, replyPath).get(10, TimeUnit.SECONDS);
    }

    /** Waits for the next message of {@code type}, skipping others; fails the test when none comes. */
    public ReceivedMessage await(OnionMessageType type, Duration timeout) throws InterruptedException {
        return poll(type, timeout).orElseGet(() -> fail("no " + type + " within " + timeout));
    }

    /** The next message of {@code type} arriving within {@code timeout}, skipping others. */
    public Optional<ReceivedMessage> poll(OnionMessageType type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long left = timeout.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            RoutedNode.Delivered delivered = node.received.poll(left, TimeUnit.NANOSECONDS);
            if (delivered != null && delivered.message().message().type() == type.tlvType()) {
                return Optional.of(delivered.message());
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() throws InterruptedException {
        if (node != null) {
            node.close();
            node = null;
        }
    }
}
