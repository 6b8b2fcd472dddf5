package io.staticinvoice.lightning.onion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.lightning.asyncpay.OfferPathsRequest;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.onion.LdkFixtures.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class OnionMessageBuilderTest {

    private static final TlvRecord MESSAGE = new TlvRecord(OnionMessageType.INVOICE_REQUEST.tlvType(), new byte[] {1, 2});

    private final TestNetwork network = new TestNetwork(2);
    private final PrivateKey us = network.relays.get(0);
    private final OnionMessageBuilder ourBuilder = new OnionMessageBuilder(us, Optional.empty());

    @Test
    void advancesPastOurOwnHopWhenWeAreTheIntroductionNode() throws Exception {
        BlindedMessagePath path = network.pathFrom(0, 1, EncryptedData.receiveWithPathId(new byte[] {3}));

        OutboundOnionMessage message = ourBuilder.build(List.of(), path, MESSAGE, Optional.empty());

        RouteBlinding.Unblinding ours = RouteBlinding.unblind(us, path.pathKey());
        assertThat(message.firstNodeId()).isEqualTo(network.relays.get(1).publicKey());
        assertThat(message.pathKey()).isEqualTo(ours.nextPathKey());
        assertThat(network.deliver(message).message()).contains(MESSAGE);
    }

    @Test
    void theFirstHopOfAPathIsTheNodeAfterOurOwnHopOrItsIntroductionNode() throws Exception {
        BlindedMessagePath ours = network.pathFrom(0, 1, EncryptedData.receiveWithPathId(new byte[] {3}));
        BlindedMessagePath theirs = network.pathFrom(1, 0, EncryptedData.receiveWithPathId(new byte[] {3}));

        assertThat(ourBuilder.firstHop(ours)).isEqualTo(network.relays.get(1).publicKey());
        assertThat(ourBuilder.firstHop(theirs)).isEqualTo(network.relays.get(1).publicKey());
        assertThat(ourBuilder.build(List.of(), ours, MESSAGE, Optional.empty()).firstNodeId())
                .isEqualTo(ourBuilder.firstHop(ours));
    }

    @Test
    void doesNotAdvanceWhenUnblindedNodesComeFirst() throws Exception {
        BlindedMessagePath path = network.pathFrom(0, 0, EncryptedData.receiveWithPathId(new byte[] {3}));

        OutboundOnionMessage message = ourBuilder.build(List.of(network.relays.get(1).publicKey()), path, MESSAGE,
                Optional.empty());

        assertThat(message.firstNodeId()).isEqualTo(network.relays.get(1).publicKey());
        assertThat(message.pathKey()).isNotEqualTo(path.pathKey());
        assertThat(network.deliver(message).message()).contains(MESSAGE);
    }

    @Test
    void sendsThroughSeveralUnblindedNodesWithAReplyPath() throws Exception {
        BlindedMessagePath path = network.pathFrom(2, 2, EncryptedData.receiveWithPathId(new byte[] {3}));
        BlindedMessagePath replyPath = BlindedPathFactory.create(List.of(), us.publicKey(), 0, ReceiveAuthKey.random(),
                EncryptedData.receiveWithContext(new byte[] {4}));
        OnionMessageBuilder sender = new OnionMessageBuilder(PrivateKey.random(), Optional.empty());

        OutboundOnionMessage message = sender.build(network.relayIds(0, 2), path,
                new OfferPathsRequest(1).toRecord(), Optional.of(replyPath));

        assertThat(message.firstNodeId()).isEqualTo(network.relays.get(0).publicKey());
        assertThat(message.packet().hopData()).hasSize(OnionMessageBuilder.SMALL_PACKET_HOP_DATA);
        PeeledMessage.Receive receive = network.deliver(message);
        assertThat(receive.replyPath()).contains(replyPath);
        assertThat(receive.payload().messageType()).contains(OnionMessageType.OFFER_PATHS_REQUEST);
        assertThat(receive.message()).contains(new OfferPathsRequest(1).toRecord());
    }

    @Test
    void advancingFailsWhenThePathEndsAtUs() {
        BlindedMessagePath toUs = BlindedPathFactory.create(List.of(), us.publicKey(), 0, ReceiveAuthKey.random(),
                EncryptedData.receiveWithPathId(new byte[] {1}));

        assertThatThrownBy(() -> ourBuilder.build(List.of(), toUs, MESSAGE, Optional.empty()))
                .isInstanceOfSatisfying(OnionMessageSendException.class, e -> assertThat(e.reason())
                        .isEqualTo(OnionMessageSendException.Reason.BLINDED_PATH_ADVANCE_FAILED))
                .hasMessageContaining("the path ends at us");
    }

    @Test
    void advancingFailsWhenOurHopCannotBeRead() {
        BlindedMessagePath foreign = network.pathFrom(1, 0, EncryptedData.receiveWithPathId(new byte[] {1}));
        BlindedMessagePath claimsUs = BlindedMessagePath.of(new IntroductionNode.NodeId(us.publicKey()),
                foreign.pathKey(), List.of(foreign.hops().get(0), foreign.hops().get(0)));

        assertThatThrownBy(() -> ourBuilder.build(List.of(), claimsUs, MESSAGE, Optional.empty()))
                .isInstanceOfSatisfying(OnionMessageSendException.class, e -> assertThat(e.reason())
                        .isEqualTo(OnionMessageSendException.Reason.BLINDED_PATH_ADVANCE_FAILED))
                .hasMessageContaining("encrypted_recipient_data authentication failed");
    }

    @Test
    void advancingFailsWhenOurHopNamesAChannel() {
        BlindedMessagePath viaChannel = BlindedPathFactory.create(
                List.of(new BlindedPathFactory.ForwardNode(us.publicKey(), OptionalLong.of(7))),
                network.recipient.publicKey(), 0, network.recipientAuthKey, EncryptedData.receiveWithPathId(new byte[] {1}));

        assertThatThrownBy(() -> ourBuilder.build(List.of(), viaChannel, MESSAGE, Optional.empty()))
                .isInstanceOfSatisfying(OnionMessageSendException.class, e -> assertThat(e.reason())
                        .isEqualTo(OnionMessageSendException.Reason.BLINDED_PATH_ADVANCE_FAILED))
                .hasMessageContaining("does not forward to a node id");
    }

    @Test
    void introductionNodeGivenAsAChannelIsUnresolved() {
        BlindedMessagePath path = network.pathFrom(1, 0, EncryptedData.receiveWithPathId(new byte[] {1}));
        BlindedMessagePath compact = BlindedMessagePath.of(
                new IntroductionNode.DirectedShortChannelId(IntroductionNode.Direction.NODE_ONE, 99), path.pathKey(), path.hops());

        assertThatThrownBy(() -> ourBuilder.build(List.of(), compact, MESSAGE, Optional.empty()))
                .isInstanceOfSatisfying(OnionMessageSendException.class, e -> assertThat(e.reason())
                        .isEqualTo(OnionMessageSendException.Reason.UNRESOLVED_INTRODUCTION_NODE));
    }

    @Test
    void reachesTheRealLdkServersPathThroughItsDummyHops() throws Exception {
        BlindedMessagePath ldkServerPath = BlindedMessagePath.decodeList(
                LdkFixtures.hex("fixtures/ldk-0.2.5/server-paths.hex")).get(0);
        OnionMessageBuilder sender = new OnionMessageBuilder(PrivateKey.random(), Optional.empty());

        OutboundOnionMessage message = sender.build(List.of(), ldkServerPath, new OfferPathsRequest(5).toRecord(),
                Optional.empty());

        var receive = (PeeledMessage.Receive) new OnionPeeler(Role.SERVER.nodeKey(),
                Optional.of(Role.SERVER.receiveAuthKey())).peel(message.pathKey(), message.packet());
        assertThat(receive.dummyHops()).isEqualTo(3);
        assertThat(receive.authenticated()).isTrue();
        assertThat(receive.message()).contains(new OfferPathsRequest(5).toRecord());
    }

    @Test
    void ldkServerPathsHopsAreAllPaddedToOneLength() throws DecodeException {
        BlindedMessagePath ldkServerPath = BlindedMessagePath.decodeList(
                LdkFixtures.hex("fixtures/ldk-0.2.5/server-paths.hex")).get(0);
        RouteBlinding.Unblinding unblinding = RouteBlinding.unblind(Role.SERVER.nodeKey(), ldkServerPath.pathKey());
        List<EncryptedData.Role> roles = new ArrayList<>();
        for (BlindedHop hop : ldkServerPath.hops()) {
            RouteBlinding.OpenedHop opened = RouteBlinding.open(unblinding, hop.encryptedPayload(),
                    Optional.of(Role.SERVER.receiveAuthKey()));
            assertThat(opened.authenticated()).isTrue();
            assertThat(opened.data().encode()).hasSize(100);
            roles.add(opened.data().role());
            unblinding = RouteBlinding.unblind(Role.SERVER.nodeKey(), opened.nextPathKey());
        }
        assertThat(roles).containsExactly(EncryptedData.Role.DUMMY, EncryptedData.Role.DUMMY, EncryptedData.Role.DUMMY,
                EncryptedData.Role.RECEIVE);
    }
}
