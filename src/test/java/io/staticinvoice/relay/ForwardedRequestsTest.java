package io.staticinvoice.relay;

import io.staticinvoice.gateway.Delivery;
import io.staticinvoice.gateway.GatewayMetrics;
import io.staticinvoice.gateway.NodeIdentity;
import io.staticinvoice.gateway.PeerRegistry;
import io.staticinvoice.gateway.UnbuiltOnionMessage;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.onion.BlindedPathFactory;
import io.staticinvoice.lightning.onion.EncryptedData;
import io.staticinvoice.lightning.onion.OnionMessageType;
import io.staticinvoice.lightning.onion.UnblindingCache;
import io.staticinvoice.lightning.wire.NodeId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The hold of forwarded invoice_requests for recipients connected to no replica: bounds per peer
 * and per replica, expiry on an injected clock, and the hand-over to the replica a recipient is
 * connected to (here an in-memory stand-in for the other replicas).
 */
class ForwardedRequestsTest {

    private static final Duration HOLD = Duration.ofSeconds(60);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicLong now = new AtomicLong(1_000);
    private final AtomicInteger share = new AtomicInteger(100);
    private final OtherReplicasInMemory others = new OtherReplicasInMemory();
    private final PrivateKey serverKey = PrivateKey.random();
    private final ForwardedRequests requests = new ForwardedRequests(new PeerRegistry(), others,
            NodeIdentity.of(serverKey).onionMessageBuilder(UnblindingCache.none(serverKey)), Runnable::run,
            new GatewayMetrics(meters), HOLD, 3, share::get, now::get);

    /** Other replicas as far as a test needs them: who holds which node, and what was handed over. */
    private static final class OtherReplicasInMemory implements OtherReplicas {
        final Map<NodeId, String> holders = new HashMap<>();
        final List<Map.Entry<String, UnbuiltOnionMessage>> relayed = new ArrayList<>();
        boolean reachable = true;

        @Override
        public Optional<String> holding(NodeId node) {
            return Optional.ofNullable(holders.get(node));
        }

        @Override
        public boolean relay(String replica, UnbuiltOnionMessage message) {
            return reachable && relayed.add(Map.entry(replica, message));
        }
    }

    private static UnbuiltOnionMessage requestFor(NodeIdentity wallet, int n) {
        return new UnbuiltOnionMessage(BlindedPathFactory.create(List.of(), wallet.nodeId().key(), 0,
                wallet.receiveAuthKey(), EncryptedData.receiveWithPathId(new byte[] {(byte) n})),
                new TlvRecord(OnionMessageType.INVOICE_REQUEST.tlvType(), new byte[] {(byte) n}), Optional.empty());
    }

    private double drops(GatewayMetrics.Drop reason) {
        return meters.get(GatewayMetrics.DROPS).tag("reason", reason.name().toLowerCase()).counter().count();
    }

    @Test
    void keepsTheNewestRequestsOfEachRecipient() {
        NodeIdentity wallet = NodeIdentity.of(PrivateKey.random());
        for (int i = 0; i < 5; i++) {
            assertThat(requests.take(requestFor(wallet, i))).contains(Delivery.HELD);
        }
        assertThat(requests.size()).isEqualTo(3);
        assertThat(drops(GatewayMetrics.Drop.HOLD_FULL)).isEqualTo(2);

        others.holders.put(wallet.nodeId(), "replica-b");
        requests.arrivedElsewhere(wallet.nodeId());

        assertThat(others.relayed).extracting(relayed -> relayed.getValue().message().value()[0])
                .as("the newest three, oldest first").containsExactly((byte) 2, (byte) 3, (byte) 4);
        assertThat(requests.size()).isZero();
    }

    @Test
    void dropsNewRequestsBeyondThisReplicasShare() {
        share.set(4);
        for (int i = 0; i < 6; i++) {
            Optional<Delivery> delivery = requests.take(requestFor(NodeIdentity.of(PrivateKey.random()), i));
            assertThat(delivery.isPresent()).isEqualTo(i < 4);
        }
        assertThat(requests.size()).isEqualTo(4);
        assertThat(drops(GatewayMetrics.Drop.HOLD_FULL)).isEqualTo(2);
    }

    @Test
    void expiredRequestsAreDroppedAndMakeRoom() {
        share.set(2);
        NodeIdentity wallet = NodeIdentity.of(PrivateKey.random());
        requests.take(requestFor(wallet, 0));
        requests.take(requestFor(wallet, 1));

        now.addAndGet(HOLD.toNanos());
        assertThat(requests.take(requestFor(NodeIdentity.of(PrivateKey.random()), 2))).contains(Delivery.HELD);

        assertThat(drops(GatewayMetrics.Drop.HOLD_EXPIRED)).isEqualTo(2);
        assertThat(drops(GatewayMetrics.Drop.HOLD_FULL)).isZero();
        others.holders.put(wallet.nodeId(), "replica-b");
        requests.arrivedElsewhere(wallet.nodeId());
        assertThat(others.relayed).as("nothing expired is handed over").isEmpty();
        assertThat(requests.size()).isEqualTo(1);
    }

    @Test
    void aRequestForARecipientOfAnotherReplicaIsRelayedThereAndHeldWhenThatFails() {
        NodeIdentity wallet = NodeIdentity.of(PrivateKey.random());
        others.holders.put(wallet.nodeId(), "replica-b");

        assertThat(requests.connectedElsewhere(wallet.nodeId())).isTrue();
        assertThat(requests.take(requestFor(wallet, 0))).contains(Delivery.RELAYED);
        assertThat(others.relayed).extracting(Map.Entry::getKey).containsExactly("replica-b");
        assertThat(meters.get(GatewayMetrics.RELAYED).counter().count()).isEqualTo(1);

        others.reachable = false;
        assertThat(requests.take(requestFor(wallet, 1))).contains(Delivery.HELD);
        assertThat(requests.size()).isEqualTo(1);
    }

    @Test
    void aRequestRelayedHereForARecipientThatLeftIsHeld() {
        NodeIdentity wallet = NodeIdentity.of(PrivateKey.random());

        requests.relayedHere(requestFor(wallet, 0));

        assertThat(requests.size()).isEqualTo(1);
    }
}
