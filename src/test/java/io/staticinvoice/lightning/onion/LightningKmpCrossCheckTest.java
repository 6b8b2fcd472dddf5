package io.staticinvoice.lightning.onion;

import static org.assertj.core.api.Assertions.assertThat;

import co.touchlab.kermit.Logger;
import co.touchlab.kermit.StaticConfig;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.utils.Either;
import fr.acinq.lightning.EncodedNodeId;
import fr.acinq.lightning.crypto.RouteBlinding.BlindedNode;
import fr.acinq.lightning.crypto.RouteBlinding.BlindedRoute;
import fr.acinq.lightning.logging.MDCLogger;
import fr.acinq.lightning.message.OnionMessages;
import fr.acinq.lightning.wire.GenericTlv;
import fr.acinq.lightning.wire.OnionMessage;
import fr.acinq.lightning.wire.OnionMessagePayloadTlv;
import fr.acinq.lightning.wire.TlvStream;
import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.crypto.PublicKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Cross-check with an independent implementation, ACINQ's lightning-kmp: it sends over paths our
 * code created and our code peels, and it receives what our code built over paths it created.
 */
class LightningKmpCrossCheckTest {

    private static final long MESSAGE_TYPE = 65;
    private static final byte[] HELLO = "hello from the other side".getBytes(StandardCharsets.US_ASCII);
    private static final MDCLogger LOGGER = new MDCLogger(new Logger(new StaticConfig(), "kmp"), Map.of());

    private final PrivateKey ourKey = PrivateKey.random();
    private final ReceiveAuthKey ourAuthKey = ReceiveAuthKey.random();
    private final PrivateKey relayKey = PrivateKey.random();
    private final PrivateKey kmpKey = PrivateKey.random();

    @Test
    void kmpSendsOverOurPathWithDummyHopsAndWePeelIt() throws DecodeException {
        byte[] pathId = "context-7".getBytes(StandardCharsets.US_ASCII);
        BlindedMessagePath ours = BlindedPathFactory.create(List.of(BlindedPathFactory.ForwardNode.of(relayKey.publicKey())),
                ourKey.publicKey(), 2, ourAuthKey, EncryptedData.receiveWithPathId(pathId));
        BlindedRoute kmpReplyPath = OnionMessages.INSTANCE.buildRouteToRecipient(kmp(PrivateKey.random()), List.of(),
                new OnionMessages.Destination.Recipient(plain(kmpKey.publicKey()), new ByteVector(new byte[] {1}), null, Set.of()))
                .getRoute();
        TlvStream<OnionMessagePayloadTlv> content = new TlvStream<>(
                Set.of(new OnionMessagePayloadTlv.ReplyPath(kmpReplyPath)), Set.of(new GenericTlv(MESSAGE_TYPE, new ByteVector(HELLO))));

        Either<OnionMessages.BuildMessageError, OnionMessage> built = OnionMessages.INSTANCE.buildMessage(
                kmp(PrivateKey.random()), kmp(PrivateKey.random()), List.of(), new OnionMessages.Destination.BlindedPath(toKmp(ours)), content);

        byte[] body = built.getRight().write();
        ByteReader reader = new ByteReader(body);
        PublicKey pathKey = reader.publicKey();
        byte[] packet = reader.bytes(reader.u16());
        var forward = (PeeledMessage.Forward) new OnionPeeler(relayKey, Optional.empty()).peel(pathKey, packet);
        assertThat(forward.nextHop()).isEqualTo(new NextMessageHop.NodeId(ourKey.publicKey()));
        var receive = (PeeledMessage.Receive) new OnionPeeler(ourKey, Optional.of(ourAuthKey))
                .peel(forward.nextPathKey(), forward.nextPacket());

        assertThat(receive.message()).contains(new TlvRecord(MESSAGE_TYPE, HELLO));
        assertThat(receive.pathId()).hasValueSatisfying(id -> assertThat(id).isEqualTo(pathId));
        assertThat(receive.authenticated()).isTrue();
        assertThat(receive.dummyHops()).isEqualTo(2);
        assertThat(receive.replyPath()).contains(fromKmp(kmpReplyPath));
    }

    @Test
    void kmpSendsThroughUnblindedNodesBeforeOurPath() throws DecodeException {
        BlindedMessagePath ours = BlindedPathFactory.create(List.of(), ourKey.publicKey(), 0, ourAuthKey,
                EncryptedData.receiveWithContext(new byte[] {9}));
        var relay = new OnionMessages.IntermediateNode(plain(relayKey.publicKey()), null, null, Set.of());
        TlvStream<OnionMessagePayloadTlv> content = new TlvStream<>(Set.of(), Set.of(new GenericTlv(MESSAGE_TYPE, new ByteVector(HELLO))));

        OnionMessage built = OnionMessages.INSTANCE.buildMessage(kmp(PrivateKey.random()), kmp(PrivateKey.random()),
                List.of(relay), new OnionMessages.Destination.BlindedPath(toKmp(ours)), content).getRight();

        var forward = (PeeledMessage.Forward) new OnionPeeler(relayKey, Optional.empty())
                .peel(ours(built.getBlindingKey()), onionBytes(built));
        assertThat(forward.nextHop()).isEqualTo(new NextMessageHop.NodeId(ourKey.publicKey()));
        assertThat(forward.nextPathKey()).isEqualTo(ours.pathKey());
        var receive = (PeeledMessage.Receive) new OnionPeeler(ourKey, Optional.of(ourAuthKey))
                .peel(forward.nextPathKey(), forward.nextPacket());
        assertThat(receive.message()).contains(new TlvRecord(MESSAGE_TYPE, HELLO));
        assertThat(receive.context()).hasValueSatisfying(context -> assertThat(context).containsExactly(9));
    }

    @Test
    void weSendOverKmpsPathAndKmpDecryptsIt() throws Exception {
        byte[] kmpPathId = new byte[] {4, 2};
        BlindedRoute kmpPath = OnionMessages.INSTANCE.buildRouteToRecipient(kmp(PrivateKey.random()),
                List.of(new OnionMessages.IntermediateNode(plain(relayKey.publicKey()), null, null, Set.of())),
                new OnionMessages.Destination.Recipient(plain(kmpKey.publicKey()), new ByteVector(kmpPathId), null, Set.of()))
                .getRoute();
        BlindedMessagePath replyPath = BlindedPathFactory.create(List.of(), ourKey.publicKey(), 1, ourAuthKey,
                EncryptedData.receiveWithPathId(new byte[] {1}));
        OnionMessageBuilder builder = new OnionMessageBuilder(ourKey, Optional.of(ourAuthKey));

        OutboundOnionMessage sent = builder.build(List.of(), fromKmp(kmpPath), new TlvRecord(MESSAGE_TYPE, HELLO), Optional.of(replyPath));

        assertThat(sent.firstNodeId()).isEqualTo(relayKey.publicKey());
        var forward = (PeeledMessage.Forward) new OnionPeeler(relayKey, Optional.empty()).peel(sent.pathKey(), sent.packet());
        OnionMessages.DecryptedMessage decrypted = OnionMessages.INSTANCE.decryptMessage(kmp(kmpKey),
                OnionMessage.Companion.read(wireBody(forward.nextPathKey(), forward.nextPacket())), LOGGER);
        assertThat(decrypted).isNotNull();
        assertThat(decrypted.getPathId().toByteArray()).isEqualTo(kmpPathId);
        assertThat(decrypted.getContent().getRecords().getUnknown())
                .containsExactly(new GenericTlv(MESSAGE_TYPE, new ByteVector(HELLO)));
        assertThat(fromKmp(decrypted.getContent().getReplyPath())).isEqualTo(replyPath);
    }

    @Test
    void weSendThroughAnUnblindedNodeToKmpsOneHopPathInABigPacket() throws Exception {
        BlindedRoute kmpPath = OnionMessages.INSTANCE.buildRouteToRecipient(kmp(PrivateKey.random()), List.of(),
                new OnionMessages.Destination.Recipient(plain(kmpKey.publicKey()), null, null, Set.of())).getRoute();
        byte[] big = new byte[5000];
        OnionMessageBuilder builder = new OnionMessageBuilder(ourKey, Optional.empty());

        OutboundOnionMessage sent = builder.build(List.of(relayKey.publicKey()), fromKmp(kmpPath),
                new TlvRecord(MESSAGE_TYPE, big), Optional.empty());

        assertThat(sent.packet().hopData()).hasSize(OnionMessageBuilder.BIG_PACKET_HOP_DATA);
        var forward = (PeeledMessage.Forward) new OnionPeeler(relayKey, Optional.empty()).peel(sent.pathKey(), sent.packet());
        OnionMessages.DecryptedMessage decrypted = OnionMessages.INSTANCE.decryptMessage(kmp(kmpKey),
                OnionMessage.Companion.read(wireBody(forward.nextPathKey(), forward.nextPacket())), LOGGER);
        assertThat(decrypted).isNotNull();
        assertThat(decrypted.getContent().getRecords().getUnknown())
                .containsExactly(new GenericTlv(MESSAGE_TYPE, new ByteVector(big)));
    }

    private static fr.acinq.bitcoin.PrivateKey kmp(PrivateKey key) {
        return new fr.acinq.bitcoin.PrivateKey(key.bytes());
    }

    private static EncodedNodeId.WithPublicKey.Plain plain(PublicKey key) {
        return new EncodedNodeId.WithPublicKey.Plain(new fr.acinq.bitcoin.PublicKey(key.bytes()));
    }

    private static PublicKey ours(fr.acinq.bitcoin.PublicKey key) throws DecodeException {
        return PublicKey.parse(key.value.toByteArray());
    }

    private static byte[] onionBytes(OnionMessage message) {
        byte[] body = message.write();
        return Arrays.copyOfRange(body, PublicKey.LENGTH + 2, body.length);
    }

    private static byte[] wireBody(PublicKey pathKey, OnionMessagePacket packet) {
        byte[] bytes = packet.encode();
        return new ByteWriter().publicKey(pathKey).u16(bytes.length).bytes(bytes).toByteArray();
    }

    private static BlindedRoute toKmp(BlindedMessagePath path) {
        var intro = (IntroductionNode.NodeId) path.introductionNode();
        return new BlindedRoute(plain(intro.publicKey()), new fr.acinq.bitcoin.PublicKey(path.pathKey().bytes()),
                path.hops().stream().map(hop -> new BlindedNode(new fr.acinq.bitcoin.PublicKey(hop.blindedNodeId().bytes()),
                        new ByteVector(hop.encryptedPayload()))).toList());
    }

    private static BlindedMessagePath fromKmp(BlindedRoute route) throws DecodeException {
        var intro = (EncodedNodeId.WithPublicKey.Plain) route.getIntroductionNodeId();
        List<BlindedHop> hops = new ArrayList<>();
        for (BlindedNode node : route.getBlindedNodes()) {
            hops.add(new BlindedHop(ours(node.getBlindedPublicKey()), node.getEncryptedPayload().toByteArray()));
        }
        return BlindedMessagePath.of(new IntroductionNode.NodeId(ours(intro.getPublicKey())), ours(route.getBlindingKey()), hops);
    }
}
