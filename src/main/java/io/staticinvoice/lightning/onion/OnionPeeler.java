package io.staticinvoice.lightning.onion;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.crypto.Ecdh;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.crypto.PublicKey;
import java.util.Optional;

/**
 * Peels incoming onion messages for one node (BOLT 4 "Onion Decryption" with a {@code path_key},
 * and the {@code onion_message} reader requirements; LDK's {@code peel_onion_message},
 * {@code lightning/src/onion_message/messenger.rs}). Immutable and thread-safe.
 *
 * <p>For every layer it derives the blinded node key from the path key, checks the packet HMAC in
 * constant time, decrypts this hop's {@code onionmsg_tlv} and its {@code encrypted_recipient_data},
 * and then either forwards, peels again (a dummy hop of ours: LDK's dummy marker, authenticated
 * with our {@link ReceiveAuthKey}, or a hop whose next node is ourselves), or receives. Every
 * malformed input ends in a {@link DecodeException} naming what was wrong.
 */
public final class OnionPeeler {

    /** The most hops addressed to ourselves peeled for one message (LDK's {@code MAX_DUMMY_HOPS_COUNT}). */
    public static final int MAX_DUMMY_HOPS = BlindedPathFactory.MAX_DUMMY_HOPS;

    private final UnblindingCache unblindings;
    private final PublicKey nodeId;
    private final Optional<ReceiveAuthKey> authKey;

    /**
     * @param nodeKey our node's private key
     * @param authKey the key our own blinded paths were sealed with, if any
     */
    public OnionPeeler(PrivateKey nodeKey, Optional<ReceiveAuthKey> authKey) {
        this(UnblindingCache.none(nodeKey), authKey);
    }

    /**
     * @param unblindings our node key, with the path keys it unblinded recently
     * @param authKey     the key our own blinded paths were sealed with, if any
     */
    public OnionPeeler(UnblindingCache unblindings, Optional<ReceiveAuthKey> authKey) {
        this.unblindings = unblindings;
        this.nodeId = unblindings.nodeKey().publicKey();
        this.authKey = authKey;
    }

    /** Peels an {@code onion_message}'s {@code path_key} and undecoded {@code onion_message_packet}. */
    public PeeledMessage peel(PublicKey pathKey, byte[] packet) throws DecodeException {
        return peel(pathKey, OnionMessagePacket.decode(packet));
    }

    public PeeledMessage peel(PublicKey pathKey, OnionMessagePacket packet) throws DecodeException {
        try {
            return peelLayers(pathKey, packet);
        } catch (IllegalArgumentException e) {
            throw new DecodeException("onion message key derivation failed: " + e.getMessage(), e);
        }
    }

    private PeeledMessage peelLayers(PublicKey pathKey, OnionMessagePacket packet) throws DecodeException {
        int dummyHops = 0;
        while (true) {
            RouteBlinding.Unblinding unblinding = unblindings.unblind(pathKey);
            Sphinx.Layer layer = Sphinx.peel(
                    Ecdh.sharedSecret(unblinding.blindedPrivateKey(), packet.publicKey()), packet);
            OnionMessagePayload payload = OnionMessagePayload.decode(layer.payload());
            byte[] encryptedData = payload.encryptedRecipientData()
                    .orElseThrow(() -> new DecodeException("onionmsg_tlv has no encrypted_recipient_data"));
            RouteBlinding.OpenedHop hop = RouteBlinding.open(unblinding, encryptedData, authKey);
            EncryptedData data = hop.data();
            if (data.role() == EncryptedData.Role.RECEIVE) {
                if (layer.nextPacket().isPresent()) {
                    throw new DecodeException("final-hop encrypted data in an onion layer that continues");
                }
                return new PeeledMessage.Receive(payload, data, hop.authenticated(), dummyHops);
            }
            OnionMessagePacket next = layer.nextPacket().orElseThrow(() -> new DecodeException(
                    "last onion layer but the encrypted data is for a " + data.role().name().toLowerCase() + " hop"));
            if (payload.hasFinalHopFields()) {
                throw new DecodeException("onionmsg_tlv of a " + data.role().name().toLowerCase()
                        + " hop has fields other than encrypted_recipient_data");
            }
            boolean toOurselves = data.role() == EncryptedData.Role.DUMMY
                    || data.nextHop().orElseThrow().equals(new NextMessageHop.NodeId(nodeId));
            if (data.role() == EncryptedData.Role.DUMMY && !hop.authenticated()) {
                throw new DecodeException("dummy hop not authenticated by our receive key");
            }
            if (data.role() == EncryptedData.Role.FORWARD && hop.authenticated()) {
                throw new DecodeException("forwarding hop data sealed with our receive key");
            }
            if (!toOurselves) {
                return new PeeledMessage.Forward(data.nextHop().orElseThrow(), hop.nextPathKey(), next);
            }
            if (++dummyHops > MAX_DUMMY_HOPS) {
                throw new DecodeException("more than " + MAX_DUMMY_HOPS + " hops addressed to ourselves");
            }
            pathKey = hop.nextPathKey();
            packet = next;
        }
    }
}
