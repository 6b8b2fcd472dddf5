package io.staticinvoice.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.staticinvoice.config.ProtocolPropertiesFixture;
import io.staticinvoice.gateway.NodeIdentity;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.onion.IntroductionNode;
import io.staticinvoice.lightning.onion.OnionMessageBuilder;
import io.staticinvoice.lightning.onion.OnionMessageSendException;
import io.staticinvoice.lightning.onion.OnionPeeler;
import io.staticinvoice.lightning.onion.OutboundOnionMessage;
import io.staticinvoice.lightning.onion.PeeledMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PathIssuerTest {

    private static final Instant EXPIRY = Instant.ofEpochSecond(2_000_000_000L);
    private static final byte[] RECIPIENT = "recipient1".getBytes();

    private final PrivateKey serverKey = PrivateKey.random();
    private final PrivateKey peerKey = PrivateKey.random();
    private final ServerKeys keys = new ServerKeys(NodeIdentity.of(serverKey));

    @Test
    void serverPathsHaveTheServerAsIntroductionAndThreeEquallyPaddedDummyHops() throws DecodeException {
        List<BlindedMessagePath> paths = BlindedMessagePath.decodeList(
                Hex.decode(issuer(List.of()).serverPaths(RECIPIENT, EXPIRY)));

        assertThat(paths).hasSize(1);
        BlindedMessagePath path = paths.get(0);
        assertThat(path.introductionNode()).isEqualTo(new IntroductionNode.NodeId(keys.nodeId()));
        assertThat(path.hops()).hasSize(4);
        assertThat(path.hops()).extracting(hop -> hop.encryptedPayload().length).containsOnly(
                path.hops().get(0).encryptedPayload().length);
    }

    @Test
    void aMessageOverAServerPathPeelsToItsSealedContext() throws Exception {
        BlindedMessagePath path = BlindedMessagePath.decodeList(
                Hex.decode(issuer(List.of()).serverPaths(RECIPIENT, EXPIRY))).get(0);

        PathContext context = receive(path).orElseThrow();

        assertThat(context).isEqualTo(new PathContext(PathContext.Kind.OFFER_PATHS_REQUEST, RECIPIENT, 0, EXPIRY));
    }

    @Test
    void offerAndReplyPathsCarryTheirKindAndSlot() throws Exception {
        PathIssuer issuer = issuer(List.of());
        BlindedMessagePath offerPath = issuer.offerPaths(RECIPIENT, 3, EXPIRY).get(0);
        BlindedMessagePath replyPath = issuer.serveInvoicePath(RECIPIENT, 3, EXPIRY);

        assertThat(receive(offerPath)).contains(new PathContext(PathContext.Kind.INVOICE_REQUEST, RECIPIENT, 3, EXPIRY));
        assertThat(receive(replyPath)).contains(
                new PathContext(PathContext.Kind.SERVE_STATIC_INVOICE, RECIPIENT, 3, EXPIRY));
    }

    @Test
    void eachIntroductionPeerAddsAPathThroughIt() throws DecodeException {
        List<BlindedMessagePath> paths = BlindedMessagePath.decodeList(Hex.decode(
                issuer(List.of(peerKey.publicKey().hex())).serverPaths(RECIPIENT, EXPIRY)));

        assertThat(paths).hasSize(2);
        assertThat(paths.get(1).introductionNode()).isEqualTo(new IntroductionNode.NodeId(peerKey.publicKey()));
        assertThat(paths.get(1).hops()).hasSize(5);
    }

    private PathIssuer issuer(List<String> introductionPeers) {
        return new PathIssuer(keys, ProtocolPropertiesFixture.with(introductionPeers.isEmpty() ? Map.of()
                : Map.of("sis.paths.introduction-peers", String.join(",", introductionPeers))));
    }

    /** Sends a message from a stranger over the path and peels it at the server, as the gateway does. */
    private Optional<PathContext> receive(BlindedMessagePath path) throws DecodeException, OnionMessageSendException {
        OnionMessageBuilder stranger = new OnionMessageBuilder(PrivateKey.random(), Optional.empty());
        OutboundOnionMessage message = stranger.build(List.of(), path, new TlvRecord(75540, new byte[] {0}),
                Optional.empty());
        assertThat(message.firstNodeId()).isEqualTo(keys.nodeId());
        PeeledMessage peeled = new OnionPeeler(serverKey, Optional.of(keys.receiveAuthKey()))
                .peel(message.pathKey(), message.packet());
        assertThat(peeled).isInstanceOf(PeeledMessage.Receive.class);
        PeeledMessage.Receive received = (PeeledMessage.Receive) peeled;
        assertThat(received.authenticated()).isTrue();
        assertThat(received.dummyHops()).isEqualTo(3);
        return Optional.of(keys.contexts().open(received.pathId().orElseThrow()));
    }
}
