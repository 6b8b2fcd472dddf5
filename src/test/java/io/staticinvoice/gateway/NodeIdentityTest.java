package io.staticinvoice.gateway;

import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.crypto.PrivateKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NodeIdentityTest {

    @Test
    void derivesPerNodeKeysAndNeverPrintsThem() {
        PrivateKey key = PrivateKey.random();
        NodeIdentity identity = NodeIdentity.of(key);
        assertThat(identity.nodeId().key()).isEqualTo(key.publicKey());
        assertThat(identity.receiveAuthKey()).isEqualTo(NodeIdentity.of(key).receiveAuthKey());
        assertThat(identity.receiveAuthKey()).isNotEqualTo(NodeIdentity.of(PrivateKey.random()).receiveAuthKey());
        assertThat(identity.toString()).doesNotContain(Hex.encode(key.bytes()))
                .doesNotContain(Hex.encode(identity.receiveAuthKey().bytes()));
    }
}
