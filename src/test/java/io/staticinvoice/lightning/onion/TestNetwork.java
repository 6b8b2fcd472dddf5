package io.staticinvoice.lightning.onion;

import static org.assertj.core.api.Assertions.assertThat;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.crypto.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A handful of nodes with random keys for build-then-peel tests: relays, and a recipient that
 * created a blinded path to itself through them; {@link #deliver} hands a message from node to
 * node, each peeling it with its own key, until one receives it.
 */
final class TestNetwork {

    private static final int MAX_HOPS = 20;

    final List<PrivateKey> relays = new ArrayList<>();
    final PrivateKey recipient = PrivateKey.random();
    final ReceiveAuthKey recipientAuthKey = ReceiveAuthKey.random();
    private final Map<PublicKey, OnionPeeler> peelers = new HashMap<>();

    TestNetwork(int relayCount) {
        for (int i = 0; i < relayCount; i++) {
            PrivateKey relay = PrivateKey.random();
            relays.add(relay);
            peelers.put(relay.publicKey(), new OnionPeeler(relay, Optional.empty()));
        }
        peelers.put(recipient.publicKey(), new OnionPeeler(recipient, Optional.of(recipientAuthKey)));
    }

    /** A path through {@code relays[from..]} to the recipient, with its final data and dummy hops. */
    BlindedMessagePath pathFrom(int from, int dummyHops, EncryptedData recipientData) {
        List<BlindedPathFactory.ForwardNode> forwarders = relays.subList(from, relays.size()).stream()
                .map(relay -> BlindedPathFactory.ForwardNode.of(relay.publicKey())).toList();
        return BlindedPathFactory.create(forwarders, recipient.publicKey(), dummyHops, recipientAuthKey, recipientData);
    }

    List<PublicKey> relayIds(int from, int to) {
        return relays.subList(from, to).stream().map(PrivateKey::publicKey).toList();
    }

    /** Passes the message along until a node receives it; asserts every hop is a known node. */
    PeeledMessage.Receive deliver(OutboundOnionMessage message) throws DecodeException {
        PublicKey node = message.firstNodeId();
        PublicKey pathKey = message.pathKey();
        byte[] packet = message.packet().encode();
        for (int hops = 0; hops < MAX_HOPS; hops++) {
            OnionPeeler peeler = peelers.get(node);
            assertThat(peeler).as("message routed to an unknown node %s", node).isNotNull();
            PeeledMessage peeled = peeler.peel(pathKey, packet);
            if (peeled instanceof PeeledMessage.Receive receive) {
                assertThat(node).isEqualTo(recipient.publicKey());
                return receive;
            }
            PeeledMessage.Forward forward = (PeeledMessage.Forward) peeled;
            node = ((NextMessageHop.NodeId) forward.nextHop()).nodeId();
            pathKey = forward.nextPathKey();
            packet = forward.nextPacket().encode();
            assertThat(packet).hasSize(message.packet().length());
        }
        throw new AssertionError("message not received after " + MAX_HOPS + " hops");
    }
}
