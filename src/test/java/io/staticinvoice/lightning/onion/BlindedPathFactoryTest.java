package io.staticinvoice.lightning.onion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.crypto.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlindedPathFactoryTest {

    private final PrivateKey us = PrivateKey.random();
    private final ReceiveAuthKey authKey = ReceiveAuthKey.random();

    @ParameterizedTest(name = "{0} dummy hops")
    @ValueSource(ints = {0, 1, 3, 10})
    void dummyHopsEndAtUsAndEveryHopHasTheSameLength(int dummyHops) throws DecodeException {
        EncryptedData context = EncryptedData.receiveWithContext(new byte[] {2, 0, 7});

        BlindedMessagePath path = BlindedPathFactory.create(List.of(), us.publicKey(), dummyHops, authKey, context);

        assertThat(path.introductionNode()).isEqualTo(new IntroductionNode.NodeId(us.publicKey()));
        assertThat(path.hops()).hasSize(dummyHops + 1)
                .allSatisfy(hop -> assertThat(hop.payloadLength()).isEqualTo(100 + RecipientDataCipher.TAG_LENGTH));
        List<RouteBlinding.OpenedHop> opened = openAll(us, path.pathKey(), path.hops());
        assertThat(opened).allSatisfy(hop -> assertThat(hop.authenticated()).isTrue());
        assertThat(opened.subList(0, dummyHops)).allSatisfy(hop -> assertThat(hop.data().role()).isEqualTo(EncryptedData.Role.DUMMY));
        assertThat(opened.get(dummyHops).data().withoutPadding()).isEqualTo(context);
    }

    @Test
    void intermediateNodesForwardByNodeIdOrChannelWithoutOurKey() throws DecodeException {
        PrivateKey first = PrivateKey.random();
        PrivateKey second = PrivateKey.random();

        BlindedMessagePath path = BlindedPathFactory.create(List.of(BlindedPathFactory.ForwardNode.of(first.publicKey()),
                new BlindedPathFactory.ForwardNode(second.publicKey(), OptionalLong.of(1234))), us.publicKey(), 1, authKey,
                EncryptedData.receiveWithPathId(new byte[] {1}));

        assertThat(path.introductionNode()).isEqualTo(new IntroductionNode.NodeId(first.publicKey()));
        RouteBlinding.OpenedHop firstHop = RouteBlinding.open(RouteBlinding.unblind(first, path.pathKey()),
                path.hops().get(0).encryptedPayload(), Optional.empty());
        RouteBlinding.OpenedHop secondHop = RouteBlinding.open(RouteBlinding.unblind(second, firstHop.nextPathKey()),
                path.hops().get(1).encryptedPayload(), Optional.empty());
        assertThat(firstHop.data().nextHop()).contains(new NextMessageHop.NodeId(second.publicKey()));
        assertThat(secondHop.data().nextHop()).contains(new NextMessageHop.ShortChannelId(1234));
        assertThat(firstHop.authenticated()).isFalse();
        assertThat(path.hops()).extracting(BlindedHop::payloadLength).containsOnly(116);
        List<RouteBlinding.OpenedHop> ours = openAll(us, secondHop.nextPathKey(), path.hops().subList(2, 4));
        assertThat(ours).extracting(hop -> hop.data().role())
                .containsExactly(EncryptedData.Role.DUMMY, EncryptedData.Role.RECEIVE);
    }

    @Test
    void aLargeContextRaisesEveryHopToTheNextRoundOff() {
        BlindedMessagePath path = BlindedPathFactory.create(List.of(), us.publicKey(), 2, authKey,
                EncryptedData.receiveWithContext(new byte[150]));

        assertThat(path.hops()).extracting(BlindedHop::payloadLength).containsOnly(200 + RecipientDataCipher.TAG_LENGTH);
    }

    @Test
    void paddingSkipsLengthsNoPaddingFieldCanFill() {
        EncryptedData fortyFive = EncryptedData.forward(new NextMessageHop.ShortChannelId(1), Optional.of(us.publicKey()));
        EncryptedData longest = EncryptedData.receiveWithPathId(new byte[197]);
        assertThat(fortyFive.encode()).hasSize(45);

        List<EncryptedData> padded = BlindedPathFactory.padToCommonLength(List.of(fortyFive, longest));

        assertThat(padded).extracting(data -> data.encode().length).containsOnly(400);
        assertThat(padded.get(0).withoutPadding()).isEqualTo(fortyFive);
    }

    /** LDK 0.3's {@code test_blinded_path_compact_padding}: node-id hops (35 bytes) set the length. */
    @Test
    void compactPaddingPadsIntermediateAndDummyHopsToTheLongestLikeLdk() throws DecodeException {
        PrivateKey first = PrivateKey.random();
        PrivateKey second = PrivateKey.random();
        EncryptedData context = EncryptedData.receiveWithContext(new byte[42]);

        BlindedMessagePath path = BlindedPathFactory.create(List.of(BlindedPathFactory.ForwardNode.of(first.publicKey()),
                BlindedPathFactory.ForwardNode.of(second.publicKey())), us.publicKey(), 5,
                BlindedPathFactory.Padding.COMPACT, authKey, context);

        assertThat(path.hops()).hasSize(5 + 3);
        assertThat(path.hops().subList(0, 7)).extracting(BlindedHop::payloadLength).containsOnly(51);
        assertThat(path.hops().get(7).payloadLength()).as("the final hop is not padded")
                .isEqualTo(context.encode().length + RecipientDataCipher.TAG_LENGTH);
        RouteBlinding.OpenedHop firstHop = RouteBlinding.open(RouteBlinding.unblind(first, path.pathKey()),
                path.hops().get(0).encryptedPayload(), Optional.empty());
        RouteBlinding.OpenedHop secondHop = RouteBlinding.open(RouteBlinding.unblind(second, firstHop.nextPathKey()),
                path.hops().get(1).encryptedPayload(), Optional.empty());
        List<RouteBlinding.OpenedHop> ours = openAll(us, secondHop.nextPathKey(), path.hops().subList(2, 8));
        assertThat(ours).allSatisfy(hop -> assertThat(hop.authenticated()).isTrue());
        assertThat(ours.get(5).data()).isEqualTo(context);
    }

    /** LDK 0.3's {@code test_compact_blinded_path_compact_padding}: channel hops (10 bytes) set the length. */
    @Test
    void compactPaddingWithChannelHopsIsSmallerStillLikeLdk() {
        BlindedMessagePath path = BlindedPathFactory.create(List.of(
                new BlindedPathFactory.ForwardNode(PrivateKey.random().publicKey(), OptionalLong.of(24)),
                new BlindedPathFactory.ForwardNode(PrivateKey.random().publicKey(), OptionalLong.of(25))),
                us.publicKey(), 5, BlindedPathFactory.Padding.COMPACT, authKey,
                EncryptedData.receiveWithContext(new byte[42]));

        assertThat(path.hops().subList(0, 7)).extracting(BlindedHop::payloadLength).containsOnly(26);
    }

    @Test
    void compactPaddingGoesTwoBytesFurtherWhenAHopIsOneByteShort() {
        EncryptedData thirtyFive = EncryptedData.forward(new NextMessageHop.NodeId(us.publicKey()), Optional.empty());
        EncryptedData thirtyFour = EncryptedData.receiveWithPathId(new byte[32]);
        EncryptedData last = EncryptedData.receiveWithPathId(new byte[3]);
        assertThat(thirtyFive.encode()).hasSize(35);
        assertThat(thirtyFour.encode()).hasSize(34);

        List<EncryptedData> padded = BlindedPathFactory.padCompactly(List.of(thirtyFive, thirtyFour, last));

        assertThat(padded).extracting(data -> data.encode().length).containsExactly(37, 37, 5);
    }

    /**
     * A path a real LDK 0.3.0-beta1 recipient built with compact padding: the
     * forward_invoice_request_path it handed the LDK server (captures, ldk-0.3.0-beta1), through
     * the server to the recipient. Opened with both nodes' keys, its hops are padded exactly as
     * {@link BlindedPathFactory#padCompactly} pads them.
     */
    @Test
    void compactPaddingMatchesAPathARealLdk03NodeBuilt() throws DecodeException {
        BlindedMessagePath path = BlindedMessagePath.read(new io.staticinvoice.lightning.codec.ByteReader(
                LdkFixtures.hex("fixtures/ldk-0.3.0-beta1/raw/server-persisted-request-path-recipient1-slot0.hex")));
        assertThat(path.hops()).extracting(BlindedHop::payloadLength).containsExactly(51, 44);
        LdkFixtures.Role server = LdkFixtures.Role.SERVER;
        LdkFixtures.Role recipient = LdkFixtures.Role.RECIPIENT;
        RouteBlinding.OpenedHop atServer = RouteBlinding.open(RouteBlinding.unblind(server.nodeKey(), path.pathKey()),
                path.hops().get(0).encryptedPayload(), Optional.empty());
        RouteBlinding.OpenedHop atRecipient = RouteBlinding.open(
                RouteBlinding.unblind(recipient.nodeKey(), atServer.nextPathKey()), path.hops().get(1).encryptedPayload(),
                Optional.of(recipient.receiveAuthKey()));
        assertThat(atRecipient.authenticated()).isTrue();

        assertThat(BlindedPathFactory.padCompactly(List.of(atServer.data(), atRecipient.data())))
                .containsExactly(atServer.data(), atRecipient.data());
    }

    @Test
    void compactPaddingLeavesALoneFinalHopUnpadded() {
        EncryptedData context = EncryptedData.receiveWithPathId(new byte[12]);

        BlindedMessagePath path = BlindedPathFactory.create(List.of(), us.publicKey(), 0,
                BlindedPathFactory.Padding.COMPACT, authKey, context);

        assertThat(path.hops()).extracting(BlindedHop::payloadLength).containsExactly(14 + RecipientDataCipher.TAG_LENGTH);
    }

    @Test
    void rejectsTooManyDummyHopsAndNonFinalRecipientData() {
        EncryptedData receive = EncryptedData.receiveWithPathId(new byte[] {1});

        assertThatThrownBy(() -> BlindedPathFactory.create(List.of(), us.publicKey(), 11, authKey, receive))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BlindedPathFactory.create(List.of(), us.publicKey(), 0, authKey, EncryptedData.dummyHop()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private List<RouteBlinding.OpenedHop> openAll(PrivateKey node, PublicKey pathKey, List<BlindedHop> hops)
            throws DecodeException {
        List<RouteBlinding.OpenedHop> opened = new ArrayList<>();
        for (BlindedHop hop : hops) {
            RouteBlinding.Unblinding unblinding = RouteBlinding.unblind(node, pathKey);
            assertThat(unblinding.blindedPrivateKey().publicKey()).isEqualTo(hop.blindedNodeId());
            RouteBlinding.OpenedHop openedHop = RouteBlinding.open(unblinding, hop.encryptedPayload(), Optional.of(authKey));
            opened.add(openedHop);
            pathKey = openedHop.nextPathKey();
        }
        return opened;
    }
}
