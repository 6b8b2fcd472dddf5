package io.staticinvoice.lightning.onion;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.crypto.Curves;
import io.staticinvoice.lightning.crypto.Ecdh;
import io.staticinvoice.lightning.crypto.HmacSha256;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.crypto.PublicKey;
import io.staticinvoice.lightning.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * BOLT 4 "Route Blinding": the path key chain {@code E_i}, the shared secrets {@code ss_i}, the
 * blinded node ids {@code B_i} and the {@code rho_i} keys that encrypt each hop's
 * {@code encrypted_data_tlv}, from both sides — the creator of a blinded path ({@link #step},
 * {@link #blind}) and a hop reading its own data ({@link #unblind}, {@link #open}).
 * LDK's equivalent is {@code lightning/src/blinded_path/utils.rs}.
 */
public final class RouteBlinding {

    private static final byte[] BLINDED_NODE_ID = "blinded_node_id".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RHO = "rho".getBytes(StandardCharsets.US_ASCII);

    private RouteBlinding() {
    }

    /**
     * One hop of a path being blinded, as its creator sees it.
     *
     * @param nodeId    the hop's real node id
     * @param plaintext its {@code encrypted_data_tlv} bytes
     * @param authKey   present for hops that end at the creator, sealed with LDK's authenticated tag
     */
    public record HopToBlind(PublicKey nodeId, byte[] plaintext, Optional<ReceiveAuthKey> authKey) {

        public HopToBlind {
            plaintext = plaintext.clone();
        }

        @Override
        public byte[] plaintext() {
            return plaintext.clone();
        }
    }

    /**
     * The values the creator derives for one hop from the current path private key {@code e_i}.
     *
     * @param pathKey            {@code E_i = e_i * G}, handed to the hop with the message
     * @param sharedSecret       {@code ss_i = SHA256(e_i * N_i)}
     * @param rho                {@code HMAC256("rho", ss_i)}, the key of the hop's encrypted data
     * @param blindedNodeId      {@code B_i = HMAC256("blinded_node_id", ss_i) * N_i}
     * @param nextPathPrivateKey {@code e_{i+1} = SHA256(E_i || ss_i) * e_i}
     */
    public record BlindingStep(PublicKey pathKey, byte[] sharedSecret, byte[] rho, PublicKey blindedNodeId,
            PrivateKey nextPathPrivateKey) {
    }

    /** Derives one hop's blinding values (the BOLT 4 writer's loop body). */
    public static BlindingStep step(PrivateKey pathPrivateKey, PublicKey nodeId) {
        PublicKey pathKey = pathPrivateKey.publicKey();
        byte[] sharedSecret = Ecdh.sharedSecret(pathPrivateKey, nodeId);
        PublicKey blindedNodeId = nodeId.multiply(blindingFactor(sharedSecret));
        PrivateKey next = PrivateKey.of(Curves.get().multiplyScalars(
                pathPrivateKey.bytes(), Sha256.hash(pathKey.bytes(), sharedSecret)));
        return new BlindingStep(pathKey, sharedSecret, rho(sharedSecret), blindedNodeId, next);
    }

    /**
     * Blinds a path: the first hop becomes the introduction node, {@code sessionKey} the first
     * path private key, each hop's plaintext is encrypted under its {@code rho}.
     */
    public static BlindedMessagePath blind(PrivateKey sessionKey, List<HopToBlind> hops) {
        if (hops.isEmpty()) {
            throw new IllegalArgumentException("a blinded path needs at least one hop");
        }
        List<BlindedHop> blinded = new ArrayList<>(hops.size());
        PrivateKey pathPrivateKey = sessionKey;
        for (HopToBlind hop : hops) {
            BlindingStep step = step(pathPrivateKey, hop.nodeId());
            byte[] encrypted = hop.authKey().isPresent()
                    ? RecipientDataCipher.encryptAuthenticated(step.rho(), hop.plaintext(), hop.authKey().get())
                    : RecipientDataCipher.encrypt(step.rho(), hop.plaintext());
            blinded.add(new BlindedHop(step.blindedNodeId(), encrypted));
            pathPrivateKey = step.nextPathPrivateKey();
        }
        return BlindedMessagePath.of(new IntroductionNode.NodeId(hops.get(0).nodeId()), sessionKey.publicKey(), blinded);
    }

    /**
     * What a hop derives from its node key {@code k_i} and the incoming path key {@code E_i}
     * (the BOLT 4 reader of {@code encrypted_recipient_data}). Immutable; the next path key is
     * computed once, when first asked for, so a remembered unblinding ({@link UnblindingCache})
     * costs no point multiplication at all.
     */
    public static final class Unblinding {

        private final PrivateKey nodeKey;
        private final PublicKey pathKey;
        private final byte[] sharedSecret;
        private volatile PublicKey nextPathKey;

        /**
         * @param pathKey      {@code E_i}
         * @param sharedSecret {@code ss_i = SHA256(k_i * E_i)}
         */
        Unblinding(PrivateKey nodeKey, PublicKey pathKey, byte[] sharedSecret) {
            this.nodeKey = nodeKey;
            this.pathKey = pathKey;
            this.sharedSecret = sharedSecret.clone();
        }

        public PublicKey pathKey() {
            return pathKey;
        }

        /** {@code ss_i = SHA256(k_i * E_i)}. */
        public byte[] sharedSecret() {
            return sharedSecret.clone();
        }

        /** {@code rho_i}, the key of this hop's encrypted data. */
        public byte[] rho() {
            return RouteBlinding.rho(sharedSecret);
        }

        /** {@code HMAC256("blinded_node_id", ss_i)}, the tweak of this hop's node key. */
        public byte[] blindingFactor() {
            return RouteBlinding.blindingFactor(sharedSecret);
        }

        /** {@code b_i = HMAC256("blinded_node_id", ss_i) * k_i}, the private key of {@code B_i}. */
        public PrivateKey blindedPrivateKey() {
            return PrivateKey.of(Curves.get().multiplyScalars(nodeKey.bytes(), blindingFactor()));
        }

        /** {@code E_{i+1} = SHA256(E_i || ss_i) * E_i}, the path key for the next hop. */
        public PublicKey nextPathKey() {
            PublicKey next = nextPathKey;
            if (next == null) {
                next = pathKey.multiply(Sha256.hash(pathKey.bytes(), sharedSecret));
                nextPathKey = next;
            }
            return next;
        }
    }

    /** Computes a hop's shared secret with the incoming path key. */
    public static Unblinding unblind(PrivateKey nodeKey, PublicKey pathKey) {
        return new Unblinding(nodeKey, pathKey, Ecdh.sharedSecret(nodeKey, pathKey));
    }

    /**
     * A hop's decrypted, decoded data.
     *
     * @param data          the hop's {@code encrypted_data_tlv}
     * @param authenticated whether its tag verified with our {@link ReceiveAuthKey}
     * @param unblinding    the hop's shared secret with the path key
     */
    public record OpenedHop(EncryptedData data, boolean authenticated, Unblinding unblinding) {

        /** The path key for the next hop: the override when present, else {@code E_{i+1}}. */
        public PublicKey nextPathKey() {
            return data.nextPathKeyOverride().orElseGet(unblinding::nextPathKey);
        }
    }

    /** Decrypts and decodes untrusted {@code encrypted_recipient_data} addressed to this hop. */
    public static OpenedHop open(Unblinding unblinding, byte[] encryptedRecipientData, Optional<ReceiveAuthKey> authKey)
            throws DecodeException {
        RecipientDataCipher.Decrypted decrypted =
                RecipientDataCipher.decrypt(unblinding.rho(), encryptedRecipientData, authKey);
        return new OpenedHop(EncryptedData.decode(decrypted.plaintext()), decrypted.authenticated(), unblinding);
    }

    static byte[] rho(byte[] sharedSecret) {
        return HmacSha256.mac(RHO, sharedSecret);
    }

    static byte[] blindingFactor(byte[] sharedSecret) {
        return HmacSha256.mac(BLINDED_NODE_ID, sharedSecret);
    }
}
