package io.staticinvoice.lightning.onion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.crypto.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OnionPeelerTest {

    private static final long TYPE = OnionMessageType.INVOICE_REQUEST.tlvType();

    private final PrivateKey node = PrivateKey.random();
    private final ReceiveAuthKey authKey = ReceiveAuthKey.random();
    private final OnionPeeler peeler = new OnionPeeler(node, Optional.of(authKey));

    @ParameterizedTest(name = "{0} hops")
    @ValueSource(ints = {1, 2, 3, 4})
    void buildThenPeelRoundTripsWithRandomKeysAndSizes(int hops) throws Exception {
        Random random = new Random(hops);
        for (int round = 0; round < 4; round++) {
            TestNetwork network = new TestNetwork(hops - 1);
            int unblinded = random.nextInt(hops);
            int dummies = random.nextInt(3);
            byte[] pathId = randomBytes(random, 1 + random.nextInt(40));
            BlindedMessagePath path = network.pathFrom(unblinded, dummies, EncryptedData.receiveWithPathId(pathId));
            int max = largestMessage(network.relayIds(0, unblinded), path);
            byte[] content = randomBytes(random, round == 0 ? max : random.nextInt(max + 1));
            OnionMessageBuilder sender = new OnionMessageBuilder(PrivateKey.random(), Optional.empty());

            OutboundOnionMessage message = sender.build(network.relayIds(0, unblinded), path,
                    new TlvRecord(TYPE, content), Optional.empty());
            PeeledMessage.Receive receive = network.deliver(message);

            assertThat(receive.message()).contains(new TlvRecord(TYPE, content));
            assertThat(receive.pathId()).hasValueSatisfying(id -> assertThat(id).isEqualTo(pathId));
            assertThat(receive.authenticated()).isTrue();
            assertThat(receive.dummyHops()).isEqualTo(dummies);
        }
    }

    @Test
    void theLargestMessageFillsTheBigPacketAndOneMoreByteDoesNotFit() throws Exception {
        TestNetwork network = new TestNetwork(2);
        BlindedMessagePath path = network.pathFrom(0, 1, EncryptedData.receiveWithPathId(new byte[8]));
        OnionMessageBuilder sender = new OnionMessageBuilder(PrivateKey.random(), Optional.empty());
        int max = largestMessage(List.of(), path);

        OutboundOnionMessage largest = sender.build(List.of(), path, new TlvRecord(TYPE, new byte[max]), Optional.empty());

        assertThat(largest.packet().hopData()).hasSize(OnionMessageBuilder.BIG_PACKET_HOP_DATA);
        assertThat(network.deliver(largest).message().orElseThrow().length()).isEqualTo(max);
        assertThatThrownBy(() -> sender.build(List.of(), path, new TlvRecord(TYPE, new byte[max + 1]), Optional.empty()))
                .isInstanceOfSatisfying(OnionMessageSendException.class,
                        e -> assertThat(e.reason()).isEqualTo(OnionMessageSendException.Reason.TOO_BIG_PACKET));
    }

    @Test
    void peelsOwnDummyHopsOnlyWhenAuthenticated() throws Exception {
        BlindedMessagePath path = BlindedPathFactory.create(List.of(), node.publicKey(), 3, authKey,
                EncryptedData.receiveWithContext(new byte[] {5}));
        OutboundOnionMessage message = send(path);

        var receive = (PeeledMessage.Receive) peeler.peel(message.pathKey(), message.packet());

        assertThat(receive.dummyHops()).isEqualTo(3);
        assertThatThrownBy(() -> new OnionPeeler(node, Optional.empty()).peel(message.pathKey(), message.packet()))
                .hasMessage("encrypted_recipient_data authentication failed");
    }

    @Test
    void unauthenticatedDummyHopIsRejected() throws Exception {
        OutboundOnionMessage message = send(pathOf(List.of(
                hop(node, EncryptedData.dummyHop().encode(), false),
                hop(node, EncryptedData.receiveWithPathId(new byte[] {1}).encode(), true))));

        assertThatThrownBy(() -> peeler.peel(message.pathKey(), message.packet()))
                .isInstanceOf(DecodeException.class)
                .hasMessage("dummy hop not authenticated by our receive key");
    }

    @Test
    void hopsForwardingToOurselvesArePeeledButBounded() throws Exception {
        EncryptedData toUs = EncryptedData.forward(new NextMessageHop.NodeId(node.publicKey()), Optional.empty());
        List<RouteBlinding.HopToBlind> hops = new ArrayList<>(Collections.nCopies(OnionPeeler.MAX_DUMMY_HOPS, hop(node, toUs.encode(), false)));
        hops.add(hop(node, EncryptedData.receiveWithPathId(new byte[] {1}).encode(), false));
        OutboundOnionMessage tenSelfHops = send(pathOf(hops));
        hops.add(0, hop(node, toUs.encode(), false));
        OutboundOnionMessage elevenSelfHops = send(pathOf(hops));

        var receive = (PeeledMessage.Receive) peeler.peel(tenSelfHops.pathKey(), tenSelfHops.packet());

        assertThat(receive.dummyHops()).isEqualTo(10);
        assertThat(receive.authenticated()).isFalse();
        assertThatThrownBy(() -> peeler.peel(elevenSelfHops.pathKey(), elevenSelfHops.packet()))
                .hasMessage("more than 10 hops addressed to ourselves");
    }

    @Test
    void forwardReportsTheDirectedChannelAndTheOverride() throws Exception {
        PublicKey override = PrivateKey.random().publicKey();
        EncryptedData data = EncryptedData.forward(new NextMessageHop.ShortChannelId(42), Optional.of(override));
        OutboundOnionMessage message = send(pathOf(List.of(hop(node, data.encode(), false),
                hop(PrivateKey.random(), EncryptedData.receiveWithPathId(new byte[] {1}).encode(), false))));

        var forward = (PeeledMessage.Forward) peeler.peel(message.pathKey(), message.packet());

        assertThat(forward.nextHop()).isEqualTo(new NextMessageHop.ShortChannelId(42));
        assertThat(forward.nextPathKey()).isEqualTo(override);
        assertThat(forward.nextPacket().length()).isEqualTo(message.packet().length());
    }

    @Test
    void wrongHmacIsRejected() throws Exception {
        byte[] packet = ownMessage().packet().encode();
        packet[100] ^= 1;

        assertThatThrownBy(() -> peeler.peel(ownMessage().pathKey(), packet)).hasMessage("onion packet HMAC mismatch");
    }

    @Test
    void wrongPathKeyIsRejected() throws Exception {
        OutboundOnionMessage message = ownMessage();

        assertThatThrownBy(() -> peeler.peel(PrivateKey.random().publicKey(), message.packet()))
                .hasMessage("onion packet HMAC mismatch");
    }

    @Test
    void malformedPacketsAreRejected() throws Exception {
        OutboundOnionMessage message = ownMessage();
        byte[] packet = message.packet().encode();
        byte[] version1 = packet.clone();
        version1[0] = 1;
        byte[] invalidPoint = packet.clone();
        System.arraycopy(Hex.decode("02" + "00".repeat(32)), 0, invalidPoint, 1, 33);

        assertThatThrownBy(() -> peeler.peel(message.pathKey(), version1)).hasMessage("unknown onion packet version 1");
        assertThatThrownBy(() -> peeler.peel(message.pathKey(), invalidPoint)).hasMessageContaining("invalid public key");
        assertThatThrownBy(() -> peeler.peel(message.pathKey(), Arrays.copyOf(packet, 66)))
                .hasMessage("onion packet of 66 bytes has no hop data");
        assertThatThrownBy(() -> peeler.peel(message.pathKey(), Arrays.copyOf(packet, 1000)))
                .hasMessage("onion packet HMAC mismatch");
        assertThatThrownBy(() -> peeler.peel(message.pathKey(), new byte[65536]))
                .hasMessage("onion packet of 65536 bytes exceeds 65535");
    }

    @Test
    void tamperedRecipientDataIsRejected() throws Exception {
        BlindedMessagePath path = BlindedPathFactory.create(List.of(), node.publicKey(), 0, authKey,
                EncryptedData.receiveWithPathId(new byte[] {1}));
        byte[] payload = path.hops().get(0).encryptedPayload();
        payload[3] ^= 1;
        OutboundOnionMessage message = send(BlindedMessagePath.of(path.introductionNode(), path.pathKey(),
                List.of(new BlindedHop(path.hops().get(0).blindedNodeId(), payload))));

        assertThatThrownBy(() -> peeler.peel(message.pathKey(), message.packet()))
                .hasMessage("encrypted_recipient_data authentication failed");
    }

    @Test
    void badPaddingIsRejected() throws Exception {
        OutboundOnionMessage message = send(pathOf(List.of(hop(node, Hex.decode("0102000106020101"), true))));

        assertThatThrownBy(() -> peeler.peel(message.pathKey(), message.packet()))
                .hasMessage("padding contains non-zero bytes");
    }

    @Test
    void pathIdOnAForwardingHopIsRejected() throws Exception {
        byte[] forwardWithPathId = Hex.decode("0421" + PrivateKey.random().publicKey().hex() + "0601aa");
        OutboundOnionMessage message = send(pathOf(List.of(hop(node, forwardWithPathId, false),
                hop(PrivateKey.random(), EncryptedData.receiveWithPathId(new byte[] {1}).encode(), false))));

        assertThatThrownBy(() -> peeler.peel(message.pathKey(), message.packet()))
                .hasMessage("path_id on a forwarding hop");
    }

    @Test
    void layerAndDataMustAgreeOnWhetherTheMessageEndsHere() throws Exception {
        PrivateKey other = PrivateKey.random();
        EncryptedData forwardToOther = EncryptedData.forward(new NextMessageHop.NodeId(other.publicKey()), Optional.empty());
        OutboundOnionMessage receiveDataMidway = send(pathOf(List.of(
                hop(node, EncryptedData.receiveWithPathId(new byte[] {1}).encode(), false),
                hop(other, EncryptedData.receiveWithPathId(new byte[] {1}).encode(), false))));
        OutboundOnionMessage forwardDataAtTheEnd = send(pathOf(List.of(hop(node, forwardToOther.encode(), false))));

        assertThatThrownBy(() -> peeler.peel(receiveDataMidway.pathKey(), receiveDataMidway.packet()))
                .hasMessage("final-hop encrypted data in an onion layer that continues");
        assertThatThrownBy(() -> peeler.peel(forwardDataAtTheEnd.pathKey(), forwardDataAtTheEnd.packet()))
                .hasMessage("last onion layer but the encrypted data is for a forward hop");
    }

    @Test
    void forwardingPayloadsCarryNothingButTheEncryptedData() throws Exception {
        EncryptedData data = EncryptedData.forward(new NextMessageHop.NodeId(PrivateKey.random().publicKey()), Optional.empty());
        BlindedMessagePath path = pathOf(List.of(hop(node, data.encode(), false)));
        byte[] withMessage = OnionMessagePayload.receiving(path.hops().get(0).encryptedPayload(),
                new TlvRecord(TYPE, new byte[1]), Optional.empty()).encode();
        OnionMessagePacket packet = Sphinx.create(PrivateKey.random(), List.of(path.hops().get(0).blindedNodeId(),
                PrivateKey.random().publicKey()), List.of(withMessage, new byte[] {0}), 1300);

        assertThatThrownBy(() -> peeler.peel(path.pathKey(), packet))
                .hasMessage("onionmsg_tlv of a forward hop has fields other than encrypted_recipient_data");
    }

    @Test
    void payloadWithoutEncryptedDataIsRejected() throws Exception {
        BlindedMessagePath path = BlindedPathFactory.create(List.of(), node.publicKey(), 0, authKey,
                EncryptedData.receiveWithPathId(new byte[] {1}));
        byte[] noData = new OnionMessagePayload(Optional.empty(), Optional.empty(),
                Optional.of(new TlvRecord(TYPE, new byte[1])), List.of()).encode();
        OnionMessagePacket packet = Sphinx.create(PrivateKey.random(), List.of(path.hops().get(0).blindedNodeId()),
                List.of(noData), 1300);

        assertThatThrownBy(() -> peeler.peel(path.pathKey(), packet))
                .hasMessage("onionmsg_tlv has no encrypted_recipient_data");
    }

    private OutboundOnionMessage ownMessage() throws OnionMessageSendException {
        return send(BlindedPathFactory.create(List.of(), node.publicKey(), 1, authKey,
                EncryptedData.receiveWithPathId(new byte[] {1})));
    }

    private static OutboundOnionMessage send(BlindedMessagePath path) throws OnionMessageSendException {
        return new OnionMessageBuilder(PrivateKey.random(), Optional.empty())
                .build(List.of(), path, new TlvRecord(TYPE, new byte[] {1, 2, 3}), Optional.empty());
    }

    private RouteBlinding.HopToBlind hop(PrivateKey hopNode, byte[] plaintext, boolean sealedWithOurKey) {
        return new RouteBlinding.HopToBlind(hopNode.publicKey(), plaintext,
                sealedWithOurKey ? Optional.of(authKey) : Optional.empty());
    }

    private static BlindedMessagePath pathOf(List<RouteBlinding.HopToBlind> hops) {
        return RouteBlinding.blind(PrivateKey.random(), hops);
    }

    /** The largest message value the builder accepts for this route, by bisection. */
    static int largestMessage(List<PublicKey> unblinded, BlindedMessagePath path) {
        OnionMessageBuilder builder = new OnionMessageBuilder(PrivateKey.random(), Optional.empty());
        int low = 0;
        int high = OnionMessageBuilder.BIG_PACKET_HOP_DATA;
        while (low < high) {
            int middle = (low + high + 1) / 2;
            try {
                builder.build(unblinded, path, new TlvRecord(TYPE, new byte[middle]), Optional.empty());
                low = middle;
            } catch (OnionMessageSendException e) {
                high = middle - 1;
            }
        }
        return low;
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
