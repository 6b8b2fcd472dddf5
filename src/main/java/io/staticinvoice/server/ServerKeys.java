package io.staticinvoice.server;

import io.staticinvoice.lightning.crypto.Hkdf;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.crypto.PublicKey;
import io.staticinvoice.lightning.onion.ReceiveAuthKey;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;

/**
 * The secrets the server derives from its node key, each with HKDF under its own purpose label:
 * the key sealing {@link PathContext}s and LDK's receive authentication key for the server's
 * own blinded paths. Derived once; the node key itself stays with the gateway.
 */
@Component
public class ServerKeys {

    private static final byte[] RECEIVE_AUTH_PURPOSE =
            "static-invoice-server/receive-auth/v1".getBytes(StandardCharsets.US_ASCII);

    private final PublicKey nodeId;
    private final PathContextCodec contexts;
    private final ReceiveAuthKey receiveAuthKey;

    public ServerKeys(PrivateKey nodeKey) {
        this.nodeId = nodeKey.publicKey();
        this.contexts = new PathContextCodec(nodeKey);
        this.receiveAuthKey = new ReceiveAuthKey(Hkdf.extractExpand2(RECEIVE_AUTH_PURPOSE, nodeKey.bytes()).first());
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
