package io.staticinvoice.server;

import io.staticinvoice.gateway.NodeIdentity;
import io.staticinvoice.lightning.crypto.PublicKey;
import io.staticinvoice.lightning.onion.ReceiveAuthKey;
import org.springframework.stereotype.Component;

/**
 * What the protocol needs of the node's identity: its id, the codec sealing {@link PathContext}s
 * (keyed by HKDF from the node key) and LDK's receive authentication key for the server's own
 * blinded paths, which the gateway checks when it peels them.
 */
@Component
public class ServerKeys {

    private final PublicKey nodeId;
    private final PathContextCodec contexts;
    private final ReceiveAuthKey receiveAuthKey;

    public ServerKeys(NodeIdentity identity) {
        this.nodeId = identity.nodeId().key();
        this.contexts = new PathContextCodec(identity.privateKey());
        this.receiveAuthKey = identity.receiveAuthKey();
    }

    public PublicKey nodeId() {
        return nodeId;
    }

    public PathContextCodec contexts() {
        return contexts;
    }

    public ReceiveAuthKey receiveAuthKey() {
        return receiveAuthKey;
    }
}
