package io.staticinvoice.server;

import io.staticinvoice.config.ProtocolProperties;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.crypto.PublicKey;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.onion.BlindedPathFactory;
import io.staticinvoice.lightning.onion.BlindedPathFactory.ForwardNode;
import io.staticinvoice.lightning.onion.EncryptedData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Creates the blinded paths that end at this server, each carrying a sealed {@link PathContext}
 * as its final hop's path_id and padded with dummy hops like LDK's
 * ({@code BlindedMessagePath::new_with_dummy_hops}): one with the server as introduction node,
 * and one through each configured introduction peer.
 */
@Component
public class PathIssuer {

    private final ServerKeys keys;
    private final int dummyHops;
    private final List<PublicKey> introductionPeers;

    public PathIssuer(ServerKeys keys, ProtocolProperties properties) {
        this.keys = keys;
        this.dummyHops = properties.paths().dummyHops();
        this.introductionPeers = parsePeers(properties.paths().introductionPeers());
    }

    /** The paths a recipient's wallet sends OfferPathsRequest over, as LDK's {@code Vec<BlindedMessagePath>} hex. */
    public String serverPaths(byte[] recipientId, Instant expiresAt) {
        PathContext context = new PathContext(PathContext.Kind.OFFER_PATHS_REQUEST, recipientId, 0, expiresAt);
        return Hex.encode(BlindedMessagePath.encodeList(paths(context)));
    }

    /** The paths a recipient builds its offer with: payers send invoice_request over them. */
    public List<BlindedMessagePath> offerPaths(byte[] recipientId, int slot, Instant expiresAt) {
        return paths(new PathContext(PathContext.Kind.INVOICE_REQUEST, recipientId, slot, expiresAt));
    }

    /** The reply path of OfferPaths, over which the recipient sends ServeStaticInvoice. */
    public BlindedMessagePath serveInvoicePath(byte[] recipientId, int slot, Instant expiresAt) {
        return path(List.of(), new PathContext(PathContext.Kind.SERVE_STATIC_INVOICE, recipientId, slot, expiresAt));
    }

    private List<BlindedMessagePath> paths(PathContext context) {
        List<BlindedMessagePath> paths = new ArrayList<>(1 + introductionPeers.size());
        paths.add(path(List.of(), context));
        for (PublicKey peer : introductionPeers) {
            paths.add(path(List.of(ForwardNode.of(peer)), context));
        }
        return paths;
    }

    private BlindedMessagePath path(List<ForwardNode> before, PathContext context) {
        EncryptedData receive = EncryptedData.receiveWithPathId(keys.contexts().seal(context));
        return BlindedPathFactory.create(before, keys.nodeId(), dummyHops, keys.receiveAuthKey(), receive);
    }

    private static List<PublicKey> parsePeers(List<String> nodeIds) {
        List<PublicKey> peers = new ArrayList<>(nodeIds.size());
        for (String nodeId : nodeIds) {
            try {
                peers.add(PublicKey.parse(Hex.decode(nodeId)));
            } catch (DecodeException e) {
                throw new IllegalArgumentException("sis.paths.introduction-peers: invalid node id " + nodeId
                        + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(peers);
    }
}
