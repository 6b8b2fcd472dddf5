package io.staticinvoice.lightning.onion;

import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.crypto.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Creates blinded message paths that end at this node (BOLT 4 "Route Blinding", writer side), the
 * way LDK's {@code BlindedMessagePath::new_with_dummy_hops} does
 * ({@code lightning/src/blinded_path/message.rs}, v0.3): optional intermediate forwarding nodes,
 * then up to {@value #MAX_DUMMY_HOPS} dummy hops addressed to ourselves, then our final hop. The
 * dummy and final hops are sealed with our {@link ReceiveAuthKey}; the hops' {@code
 * encrypted_data_tlv} are padded as {@link Padding} says.
 */
public final class BlindedPathFactory {

    /** The most dummy hops a path may have (LDK's {@code MAX_DUMMY_HOPS_COUNT}). */
    public static final int MAX_DUMMY_HOPS = 10;
    /** Plaintext lengths are rounded up to a multiple of this (LDK's {@code MESSAGE_PADDING_ROUND_OFF}). */
    public static final int PADDING_ROUND_OFF = 100;

    private BlindedPathFactory() {
    }

    /** How the hops' {@code encrypted_data_tlv} are padded (LDK 0.3's {@code compact_padding} flag). */
    public enum Padding {
        /**
         * Every hop zero-padded to one common length, a multiple of {@value #PADDING_ROUND_OFF}
         * bytes, so hops cannot be told apart by size (LDK's {@code compact_padding = false}).
         */
        FULL,
        /**
         * As small as possible (LDK's {@code compact_padding = true}): the intermediate and dummy
         * hops padded to the longest of them (two bytes more when one is exactly a byte shorter, as
         * a padding field takes at least two), the final hop unpadded, so its size shows.
         */
        COMPACT
    }

    /**
     * A node before us on the path (LDK's {@code MessageForwardNode}).
     *
     * @param nodeId         the node
     * @param shortChannelId when present, the node's hop names the next node by this channel
     *                       instead of by node id
     */
    public record ForwardNode(PublicKey nodeId, OptionalLong shortChannelId) {

        public static ForwardNode of(PublicKey nodeId) {
            return new ForwardNode(nodeId, OptionalLong.empty());
        }
    }

    /** A path with {@link Padding#FULL} padding and a random session key. */
    public static BlindedMessagePath create(List<ForwardNode> intermediateNodes, PublicKey ourNodeId, int dummyHops,
            ReceiveAuthKey authKey, EncryptedData recipientData) {
        return create(intermediateNodes, ourNodeId, dummyHops, Padding.FULL, authKey, recipientData,
                PrivateKey.random());
    }

    /** A path with {@link Padding#FULL} padding. */
    public static BlindedMessagePath create(List<ForwardNode> intermediateNodes, PublicKey ourNodeId, int dummyHops,
            ReceiveAuthKey authKey, EncryptedData recipientData, PrivateKey sessionKey) {
        return create(intermediateNodes, ourNodeId, dummyHops, Padding.FULL, authKey, recipientData, sessionKey);
    }

    /** A path with a random session key. */
    public static BlindedMessagePath create(List<ForwardNode> intermediateNodes, PublicKey ourNodeId, int dummyHops,
            Padding padding, ReceiveAuthKey authKey, EncryptedData recipientData) {
        return create(intermediateNodes, ourNodeId, dummyHops, padding, authKey, recipientData, PrivateKey.random());
    }

    /**
     * Creates a path {@code intermediateNodes -> dummy hops -> ourNodeId}.
     *
     * @param padding       how the hops' data are padded
     * @param recipientData our final hop's data (a {@link EncryptedData.Role#RECEIVE} value carrying the
     *                      {@code path_id} or LDK {@code context} we want back); its padding is replaced
     * @param sessionKey    the first path private key {@code e_0}
     */
    public static BlindedMessagePath create(List<ForwardNode> intermediateNodes, PublicKey ourNodeId, int dummyHops,
            Padding padding, ReceiveAuthKey authKey, EncryptedData recipientData, PrivateKey sessionKey) {
        if (dummyHops < 0 || dummyHops > MAX_DUMMY_HOPS) {
            throw new IllegalArgumentException("dummy hop count " + dummyHops + " not in 0.." + MAX_DUMMY_HOPS);
        }
        if (recipientData.role() != EncryptedData.Role.RECEIVE) {
            throw new IllegalArgumentException("final hop data must be receive data, not " + recipientData.role());
        }
        List<PublicKey> nodes = new ArrayList<>();
        List<EncryptedData> data = new ArrayList<>();
        for (int i = 0; i < intermediateNodes.size(); i++) {
            ForwardNode node = intermediateNodes.get(i);
            PublicKey next = i + 1 < intermediateNodes.size() ? intermediateNodes.get(i + 1).nodeId() : ourNodeId;
            NextMessageHop nextHop = node.shortChannelId().isPresent()
                    ? new NextMessageHop.ShortChannelId(node.shortChannelId().getAsLong())
                    : new NextMessageHop.NodeId(next);
            nodes.add(node.nodeId());
            data.add(EncryptedData.forward(nextHop, Optional.empty()));
        }
        for (int i = 0; i < dummyHops; i++) {
            nodes.add(ourNodeId);
            data.add(EncryptedData.dummyHop());
        }
        nodes.add(ourNodeId);
        data.add(recipientData);
        List<EncryptedData> padded = padding == Padding.FULL ? padToCommonLength(data) : padCompactly(data);
        List<RouteBlinding.HopToBlind> hops = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            Optional<ReceiveAuthKey> key = i < intermediateNodes.size() ? Optional.empty() : Optional.of(authKey);
            hops.add(new RouteBlinding.HopToBlind(nodes.get(i), padded.get(i).encode(), key));
        }
        return RouteBlinding.blind(sessionKey, hops);
    }

    /**
     * Pads every hop's data to the same length: the smallest multiple of the round-off that every
     * hop reaches exactly with a padding field.
     */
    static List<EncryptedData> padToCommonLength(List<EncryptedData> data) {
        List<EncryptedData> unpadded = data.stream().map(EncryptedData::withoutPadding).toList();
        int longest = unpadded.stream().mapToInt(hop -> hop.encode().length + 2).max().orElse(0);
        int target = (longest + PADDING_ROUND_OFF - 1) / PADDING_ROUND_OFF * PADDING_ROUND_OFF;
        while (true) {
            List<EncryptedData> padded = new ArrayList<>(data.size());
            for (EncryptedData hop : unpadded) {
                OptionalInt padding = paddingFilling(target - hop.encode().length);
                if (padding.isEmpty()) {
                    break;
                }
                padded.add(hop.withPadding(padding.getAsInt()));
            }
            if (padded.size() == data.size()) {
                return padded;
            }
            target += PADDING_ROUND_OFF;
        }
    }

    /**
     * LDK 0.3's compact padding ({@code blinded_hops} with {@code compact_padding}): each hop but
     * the last is padded to a multiple of the longest of them (or of two bytes more, when one is
     * exactly one byte shorter and so cannot be padded to it); one already of that length is left
     * as it is; the last hop is never padded.
     */
    static List<EncryptedData> padCompactly(List<EncryptedData> data) {
        List<EncryptedData> unpadded = data.stream().map(EncryptedData::withoutPadding).toList();
        List<EncryptedData> intermediate = unpadded.subList(0, unpadded.size() - 1);
        int longest = intermediate.stream().mapToInt(hop -> hop.encode().length).max().orElse(0);
        boolean oneByteShort = intermediate.stream().anyMatch(hop -> hop.encode().length == longest - 1);
        int roundOff = oneByteShort ? longest + 2 : longest;
        List<EncryptedData> padded = new ArrayList<>(data.size());
        for (EncryptedData hop : intermediate) {
            int length = hop.encode().length;
            if (length % roundOff == 0) {
                padded.add(hop);
            } else {
                int withField = length + 2;
                padded.add(hop.withPadding((withField + roundOff - 1) / roundOff * roundOff - withField));
            }
        }
        padded.add(unpadded.get(unpadded.size() - 1));
        return padded;
    }

    /**
     * The padding value length whose whole TLV (type byte, BigSize length, value) takes exactly
     * {@code gap} bytes; none for the two gaps (255, 256) that neither BigSize width can fill.
     */
    private static OptionalInt paddingFilling(int gap) {
        if (gap >= 2 && gap - 2 < 0xfd) {
            return OptionalInt.of(gap - 2);
        }
        if (gap - 4 >= 0xfd) {
            return OptionalInt.of(gap - 4);
        }
        return OptionalInt.empty();
    }
}
