package io.staticinvoice.gateway;

import io.staticinvoice.lightning.crypto.PrivateKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeerUriTest {

    @Test
    void parsesNodeIdAtHostPort() {
        String id = PrivateKey.random().publicKey().hex();
        PeerUri uri = PeerUri.parse(id + "@127.0.0.1:9735");
        assertThat(uri.nodeId().hex()).isEqualTo(id);
        assertThat(uri.address().getPort()).isEqualTo(9735);
        assertThat(uri).hasToString(id + "@127.0.0.1:9735");
    }

    @Test
    void rejectsMissingOrInvalidNodeIds() {
        assertThatThrownBy(() -> PeerUri.parse("127.0.0.1:9735")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PeerUri.parse("02abcd@127.0.0.1:9735")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PeerUri.parse("04" + "11".repeat(32) + "@h:1")).isInstanceOf(IllegalArgumentException.class);
    }
}
