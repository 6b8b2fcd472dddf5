package io.staticinvoice.server;

import io.staticinvoice.config.ProtocolProperties;
import io.staticinvoice.config.ProtocolProperties.PathPolicy;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.crypto.PublicKey;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.onion.BlindedPathFactory;
import io.staticinvoice.lightning.onion.BlindedPathFactory.ForwardNode;
import io.staticinvoice.lightning.onion.BlindedPathFactory.Padding;
import io.staticinvoice.lightning.onion.EncryptedData;
import io.staticinvoice.store.Recipient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Creates the blinded paths that end at this server, each carrying a {@link PathContext} as its
 * final hop's path_id, built with the policy of its purpose ({@code sis.paths.*}, after LDK 0.3's
 * {@code DefaultMessageRouter::create_blinded_paths_from_iter}): one path with the server as
 * introduction node, and one through each configured introduction peer, dummy hops filling each up
 * to the policy's length.
 */
@Component
public class PathIssuer {

    private final ServerKeys keys;
    private final PathPolicy serverPaths;
    private final PathPolicy offerPaths;
    private final PathPolicy replyPaths;
    private final List<PublicKey> introductionPeers;

    public PathIssuer(ServerKeys keys, ProtocolProperties properties) {
        this.keys = keys;
        this.serverPaths = properties.paths().serverPaths();
        this.offerPaths = properties.paths().offerPaths();
        this.replyPaths = properties.paths().replyPaths();
        this.introductionPeers = parsePeers(properties.paths().introductionPeers());
    }

    /** The paths a recipient's wallet sends OfferPathsRequest over, as LDK's {@code Vec<BlindedMessagePath>} hex. */
    public String serverPaths(Recipient recipient, Instant expiresAt) {
        PathContext context = new PathContext(PathContext.Kind.OFFER_PATHS_REQUEST, RecipientReference.of(recipient),
                0, expiresAt);
        return Hex.encode(BlindedMessagePath.encodeList(paths(context, serverPaths)));
    }

    /** The paths a recipient builds its offer with: payers send invoice_request over them. */
    public List<BlindedMessagePath> offerPaths(Recipient recipient, int slot, Instant expiresAt) {
        return paths(new PathContext(PathContext.Kind.INVOICE_REQUEST, RecipientReference.of(recipient), slot,
                expiresAt), offerPaths);
    }

    /** The reply path of OfferPaths, over which the recipient sends ServeStaticInvoice. */
    public BlindedMessagePath serveInvoicePath(Recipient recipient, int slot, Instant expiresAt) {
        return path(List.of(), new PathContext(PathContext.Kind.SERVE_STATIC_INVOICE,
                RecipientReference.of(recipient), slot, expiresAt), replyPaths);
    }

    private List<BlindedMessagePath> paths(PathContext context, PathPolicy policy) {
        List<BlindedMessagePath> paths = new ArrayList<>(1 + introductionPeers.size());
        paths.add(path(List.of(), context, policy));
        for (PublicKey peer : introductionPeers) {
            paths.add(path(List.of(ForwardNode.of(peer)), context, policy));
        }
        return paths;
    }

    private BlindedMessagePath path(List<ForwardNode> before, PathContext context, PathPolicy policy) {
        EncryptedData receive = EncryptedData.receiveWithPathId(keys.contexts().write(context));
        int dummyHops = Math.max(0, policy.length() - before.size() - 1);
        Padding padding = policy.compactPadding() ? Padding.COMPACT : Padding.FULL;
        return BlindedPathFactory.create(before, keys.nodeId(), dummyHops, padding, keys.receiveAuthKey(), receive);
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
