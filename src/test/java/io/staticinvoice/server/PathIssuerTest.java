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
import io.staticinvoice.store.Recipient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PathIssuerTest {

    private static final Instant EXPIRY = Instant.ofEpochSecond(2_000_000_000L);
    private static final Recipient RECIPIENT = PathContextCodecTest.stored(17, "recipient1".getBytes());
    private static final RecipientReference REFERENCE = RecipientReference.of(RECIPIENT);

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

        PathContext context = receive(path, 3).orElseThrow();

        assertThat(context).isEqualTo(new PathContext(PathContext.Kind.OFFER_PATHS_REQUEST, REFERENCE, 0, EXPIRY));
    }

    @Test
    void offerAndReplyPathsCarryTheirKindAndSlot() throws Exception {
        PathIssuer issuer = issuer(List.of());
        BlindedMessagePath offerPath = issuer.offerPaths(RECIPIENT, 3, EXPIRY).get(0);
        BlindedMessagePath replyPath = issuer.serveInvoicePath(RECIPIENT, 3, EXPIRY);

        assertThat(receive(offerPath, 0)).contains(new PathContext(PathContext.Kind.INVOICE_REQUEST, REFERENCE, 3,
                EXPIRY));
        assertThat(receive(replyPath, 3)).contains(
                new PathContext(PathContext.Kind.SERVE_STATIC_INVOICE, REFERENCE, 3, EXPIRY));
    }

    @Test
    void offerPathsFollowLdk03sPolicyOneHopAndCompactPadding() {
        BlindedMessagePath offerPath = issuer(List.of()).offerPaths(RECIPIENT, 3, EXPIRY).get(0);

        assertThat(offerPath.introductionNode()).isEqualTo(new IntroductionNode.NodeId(keys.nodeId()));
        assertThat(offerPath.hops()).hasSize(1);
        assertThat(offerPath.hops().get(0).encryptedPayload())
                .as("path_id TLV of a 12-byte context, unpadded, and the 16-byte tag").hasSize(2 + 12 + 16);
    }

    @Test
    void replyPathsArePaddedToFourHops() {
        BlindedMessagePath replyPath = issuer(List.of()).serveInvoicePath(RECIPIENT, 3, EXPIRY);

        assertThat(replyPath.hops()).hasSize(4);
        assertThat(replyPath.hops()).extracting(hop -> hop.encryptedPayload().length).containsOnly(100 + 16);
    }

    @Test
    void eachPathsLengthAndPaddingAreProperties() {
        PathIssuer issuer = new PathIssuer(keys, ProtocolPropertiesFixture.with(Map.of(
                "sis.paths.offer-path-length", "3", "sis.paths.offer-path-compact-padding", "false",
                "sis.paths.server-path-length", "2", "sis.paths.server-path-compact-padding", "true")));

        BlindedMessagePath offerPath = issuer.offerPaths(RECIPIENT, 0, EXPIRY).get(0);
        assertThat(offerPath.hops()).extracting(hop -> hop.encryptedPayload().length).containsExactly(116, 116, 116);
        BlindedMessagePath serverPath = serverPaths(issuer).get(0);
        assertThat(serverPath.hops()).extracting(hop -> hop.encryptedPayload().length)
                .as("a dummy hop padded to itself (6 bytes), then the unpadded final hop").containsExactly(6 + 16,
                        2 + 12 + 16);
    }

    @Test
    void eachIntroductionPeerAddsAPathThroughItOfTheSameLength() {
        PathIssuer issuer = issuer(List.of(peerKey.publicKey().hex()));
        List<BlindedMessagePath> paths = serverPaths(issuer);

        assertThat(paths).hasSize(2);
        assertThat(paths.get(1).introductionNode()).isEqualTo(new IntroductionNode.NodeId(peerKey.publicKey()));
        assertThat(paths.get(1).hops()).as("the peer, two dummy hops, the server").hasSize(4);
        assertThat(issuer.offerPaths(RECIPIENT, 0, EXPIRY).get(1).hops()).as("the peer, the server").hasSize(2);
    }

    private static List<BlindedMessagePath> serverPaths(PathIssuer issuer) {
        try {
            return BlindedMessagePath.decodeList(Hex.decode(issuer.serverPaths(RECIPIENT, EXPIRY)));
        } catch (DecodeException e) {
            throw new AssertionError(e);
        }
    }

    private PathIssuer issuer(List<String> introductionPeers) {
        return new PathIssuer(keys, ProtocolPropertiesFixture.with(introductionPeers.isEmpty() ? Map.of()
                : Map.of("sis.paths.introduction-peers", String.join(",", introductionPeers))));
    }

    /** Sends a message from a stranger over the path and peels it at the server, as the gateway does. */
    private Optional<PathContext> receive(BlindedMessagePath path, int dummyHops)
            throws DecodeException, OnionMessageSendException {
        OnionMessageBuilder stranger = new OnionMessageBuilder(PrivateKey.random(), Optional.empty());
        OutboundOnionMessage message = stranger.build(List.of(), path, new TlvRecord(75540, new byte[] {0}),
                Optional.empty());
        assertThat(message.firstNodeId()).isEqualTo(keys.nodeId());
        PeeledMessage peeled = new OnionPeeler(serverKey, Optional.of(keys.receiveAuthKey()))
                .peel(message.pathKey(), message.packet());
        assertThat(peeled).isInstanceOf(PeeledMessage.Receive.class);
        PeeledMessage.Receive received = (PeeledMessage.Receive) peeled;
        assertThat(received.authenticated()).isTrue();
        assertThat(received.dummyHops()).isEqualTo(dummyHops);
        return Optional.of(keys.contexts().read(received.pathId().orElseThrow()));
    }
}
