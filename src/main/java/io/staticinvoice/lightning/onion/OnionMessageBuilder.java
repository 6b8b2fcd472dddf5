package io.staticinvoice.lightning.onion;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.crypto.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds onion messages to blinded paths for one node (BOLT 4 "Onion Messages" writer and "Route
 * Blinding" reader of a {@code blinded_path}; LDK's {@code create_onion_message},
 * {@code lightning/src/onion_message/messenger.rs}). Immutable and thread-safe.
 *
 * <p>The message may first cross unblinded nodes; those hops are blinded by us, the last one
 * pointing at the path's introduction node with a {@code next_path_key_override}. When we are the
 * path's introduction node (and no nodes come before it), our own hop is decrypted and stepped
 * past first. The packet is 1300 bytes when the payloads fit, else 32768 bytes, as LDK sends.
 */
public final class OnionMessageBuilder {

    /** The standard packet payload size. */
    public static final int SMALL_PACKET_HOP_DATA = 1300;
    /** The large packet payload size, for messages such as static invoices. */
    public static final int BIG_PACKET_HOP_DATA = 32768;

    private final UnblindingCache unblindings;
    private final PublicKey nodeId;
    private final Optional<ReceiveAuthKey> authKey;

    /**
     * @param nodeKey our node key, to step past our own hop of a path
     * @param authKey the key our own paths are sealed with, if any
     */
    public OnionMessageBuilder(PrivateKey nodeKey, Optional<ReceiveAuthKey> authKey) {
        this(UnblindingCache.none(nodeKey), authKey);
    }

    /**
     * @param unblindings our node key, with the path keys it unblinded recently, to step past our
     *                    own hop of a path
     * @param authKey     the key our own paths are sealed with, if any
     */
    public OnionMessageBuilder(UnblindingCache unblindings, Optional<ReceiveAuthKey> authKey) {
        this.unblindings = unblindings;
        this.nodeId = unblindings.nodeKey().publicKey();
        this.authKey = authKey;
    }

    /**
     * The two secrets of a message.
     *
     * @param sessionKey    the Sphinx session key (first ephemeral key of the packet)
     * @param pathKeySecret the first path private key of the blinded hops we prepend for the
     *                      unblinded nodes
     */
    public record SessionKeys(PrivateKey sessionKey, PrivateKey pathKeySecret) {

        public static SessionKeys random() {
            return new SessionKeys(PrivateKey.random(), PrivateKey.random());
        }
    }

    /** Sends {@code message} (type 64 or more) over {@code destination} with fresh session keys. */
    public OutboundOnionMessage build(List<PublicKey> intermediateNodes, BlindedMessagePath destination,
            TlvRecord message, Optional<BlindedMessagePath> replyPath) throws OnionMessageSendException {
        return build(intermediateNodes, destination, finalPayload(message, replyPath), SessionKeys.random());
    }

    /**
     * Sends a message over {@code destination}.
     *
     * @param intermediateNodes unblinded nodes to cross before the introduction node, first to last
     * @param finalPayload      the final hop's {@code onionmsg_tlv} without its encrypted data,
     *                          which is taken from the path
     */
    public OutboundOnionMessage build(List<PublicKey> intermediateNodes, BlindedMessagePath destination,
            OnionMessagePayload finalPayload, SessionKeys keys) throws OnionMessageSendException {
        BlindedMessagePath path = intermediateNodes.isEmpty() ? pastOurHop(destination) : destination;
        IntroductionNode.NodeId introduction = introductionNodeId(path);
        List<PublicKey> hopIds = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        PublicKey firstNodeId = introduction.publicKey();
        PublicKey firstPathKey = path.pathKey();
        if (!intermediateNodes.isEmpty()) {
            BlindedMessagePath prefix = blindPrefix(intermediateNodes, introduction.publicKey(), path.pathKey(),
                    keys.pathKeySecret());
            firstNodeId = intermediateNodes.get(0);
            firstPathKey = prefix.pathKey();
            for (BlindedHop hop : prefix.hops()) {
                hopIds.add(hop.blindedNodeId());
                payloads.add(OnionMessagePayload.forwarding(hop.encryptedPayload()).encode());
            }
        }
        path.hops().forEach(hop -> hopIds.add(hop.blindedNodeId()));
        payloads.addAll(pathPayloads(path, finalPayload));
        OnionMessagePacket packet = Sphinx.create(keys.sessionKey(), hopIds, payloads, hopDataLength(payloads));
        return new OutboundOnionMessage(firstNodeId, firstPathKey, packet);
    }

    /**
     * {@code destination} as this node sends on it: stepped past our own hop when we are its
     * introduction node (LDK's {@code advance_path_by_one}), else unchanged. Building on the
     * result steps no further, so a caller that needs the first hop before building pays for the
     * step once.
     */
    public BlindedMessagePath pastOurHop(BlindedMessagePath destination) throws OnionMessageSendException {
        return isUs(destination.introductionNode()) ? advancePastOurHop(destination) : destination;
    }

    /**
     * Checks, without building it, that {@code message} fits an onion message packet over
     * {@code destination} (a path this node does not start, as {@link #pastOurHop} returns), and
     * returns the node it would be sent to.
     */
    public PublicKey check(BlindedMessagePath destination, TlvRecord message, Optional<BlindedMessagePath> replyPath)
            throws OnionMessageSendException {
        PublicKey firstNodeId = introductionNodeId(destination).publicKey();
        hopDataLength(pathPayloads(destination, finalPayload(message, replyPath)));
        return firstNodeId;
    }

    private static OnionMessagePayload finalPayload(TlvRecord message, Optional<BlindedMessagePath> replyPath) {
        return new OnionMessagePayload(replyPath, Optional.empty(), Optional.of(message), List.of());
    }

    private static IntroductionNode.NodeId introductionNodeId(BlindedMessagePath path) throws OnionMessageSendException {
        if (!(path.introductionNode() instanceof IntroductionNode.NodeId introduction)) {
            throw new OnionMessageSendException(OnionMessageSendException.Reason.UNRESOLVED_INTRODUCTION_NODE,
                    "introduction node " + path.introductionNode() + " is not a node id");
        }
        return introduction;
    }

    /** The encoded payloads of the path's hops: forwarding ones, then the final one. */
    private static List<byte[]> pathPayloads(BlindedMessagePath path, OnionMessagePayload finalPayload) {
        List<BlindedHop> hops = path.hops();
        List<byte[]> payloads = new ArrayList<>(hops.size());
        for (int i = 0; i < hops.size(); i++) {
            BlindedHop hop = hops.get(i);
            OnionMessagePayload payload = i + 1 < hops.size()
                    ? OnionMessagePayload.forwarding(hop.encryptedPayload())
                    : finalPayload.withEncryptedRecipientData(hop.encryptedPayload());
            payloads.add(payload.encode());
        }
        return payloads;
    }

    /** The packet size the payloads need, as LDK picks it: 1300 bytes when they fit, else 32768. */
    private static int hopDataLength(List<byte[]> payloads) throws OnionMessageSendException {
        int size = payloads.stream().mapToInt(payload -> Sphinx.shiftSize(payload.length)).sum();
        if (size > BIG_PACKET_HOP_DATA) {
            throw new OnionMessageSendException(OnionMessageSendException.Reason.TOO_BIG_PACKET,
                    "payloads need " + size + " bytes, more than " + BIG_PACKET_HOP_DATA);
        }
        return size <= SMALL_PACKET_HOP_DATA ? SMALL_PACKET_HOP_DATA : BIG_PACKET_HOP_DATA;
    }

    /** Our blinded hops for the unblinded nodes, the last one handing over to the destination path. */
    private static BlindedMessagePath blindPrefix(List<PublicKey> nodes, PublicKey introductionNode,
            PublicKey destinationPathKey, PrivateKey pathKeySecret) {
        List<RouteBlinding.HopToBlind> hops = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            boolean last = i + 1 == nodes.size();
            EncryptedData data = EncryptedData.forward(
                    new NextMessageHop.NodeId(last ? introductionNode : nodes.get(i + 1)),
                    last ? Optional.of(destinationPathKey) : Optional.empty());
            hops.add(new RouteBlinding.HopToBlind(nodes.get(i), data.encode(), Optional.empty()));
        }
        return RouteBlinding.blind(pathKeySecret, hops);
    }

    private boolean isUs(IntroductionNode node) {
        return node instanceof IntroductionNode.NodeId id && id.publicKey().equals(nodeId);
    }

    /**
     * The node a message on {@code destination} goes to first: past our own hop when we introduce
     * the path (our hop read, the next path key not computed: a caller that only needs to know
     * where the path leads saves that point multiplication), else its introduction node.
     */
    public PublicKey firstHop(BlindedMessagePath destination) throws OnionMessageSendException {
        return isUs(destination.introductionNode()) ? openOurHop(destination).next().nodeId()
                : introductionNodeId(destination).publicKey();
    }

    /** LDK's {@code advance_path_by_one}: decrypt our hop and make the next node the introduction node. */
    private BlindedMessagePath advancePastOurHop(BlindedMessagePath path) throws OnionMessageSendException {
        OurHop ours = openOurHop(path);
        return BlindedMessagePath.of(new IntroductionNode.NodeId(ours.next().nodeId()), ours.opened().nextPathKey(),
                path.hops().subList(1, path.hops().size()));
    }

    /** Our hop of a path we introduce, read, and the node it forwards to. */
    private record OurHop(RouteBlinding.OpenedHop opened, NextMessageHop.NodeId next) {
    }

    private OurHop openOurHop(BlindedMessagePath path) throws OnionMessageSendException {
        List<BlindedHop> hops = path.hops();
        if (hops.size() < 2) {
            throw new OnionMessageSendException(OnionMessageSendException.Reason.BLINDED_PATH_ADVANCE_FAILED,
                    "the path ends at us");
        }
        RouteBlinding.OpenedHop ours;
        try {
            ours = RouteBlinding.open(unblindings.unblind(path.pathKey()),
                    hops.get(0).encryptedPayload(), authKey);
        } catch (DecodeException | IllegalArgumentException e) {
            throw new OnionMessageSendException(OnionMessageSendException.Reason.BLINDED_PATH_ADVANCE_FAILED,
                    "cannot read our hop: " + e.getMessage(), e);
        }
        if (!(ours.data().nextHop().orElse(null) instanceof NextMessageHop.NodeId next)) {
            throw new OnionMessageSendException(OnionMessageSendException.Reason.BLINDED_PATH_ADVANCE_FAILED,
                    "our hop does not forward to a node id: " + ours.data());
        }
        return new OurHop(ours, next);
    }
}
