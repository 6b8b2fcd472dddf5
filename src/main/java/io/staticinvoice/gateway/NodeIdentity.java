package io.staticinvoice.gateway;

import io.staticinvoice.lightning.crypto.Hkdf;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.onion.OnionMessageBuilder;
import io.staticinvoice.lightning.onion.ReceiveAuthKey;
import io.staticinvoice.lightning.onion.UnblindingCache;
import io.staticinvoice.lightning.wire.NodeId;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * This node's identity as the gateway uses it: the BOLT 8 static key (whose public key is the
 * node id) and the {@link ReceiveAuthKey} that authenticates the blinded paths this node creates
 * (LDK 0.2's receive authentication). The auth key is derived from the node key with HKDF under
 * its own label; the server's {@code ServerKeys} takes it from here, so the paths the server hands out are the
 * paths the gateway recognises, on every replica. {@link #toString()} shows only the id.
 */
public record NodeIdentity(PrivateKey privateKey, NodeId nodeId, ReceiveAuthKey receiveAuthKey) {

    static final byte[] RECEIVE_AUTH_LABEL = "static-invoice-server/receive-auth/v1".getBytes(StandardCharsets.US_ASCII);

    /** The identity of a node key. */
    public static NodeIdentity of(PrivateKey key) {
        return new NodeIdentity(key, new NodeId(key.publicKey()),
                new ReceiveAuthKey(Hkdf.extractExpand2(RECEIVE_AUTH_LABEL, key.bytes()).first()));
    }

    /** Builds onion messages from this node, stepping past its own hops with {@code unblindings}. */
    public OnionMessageBuilder onionMessageBuilder(UnblindingCache unblindings) {
        return new OnionMessageBuilder(unblindings, Optional.of(receiveAuthKey));
    }

    @Override
    public String toString() {
        return "NodeIdentity[" + nodeId + "]";
    }
}
