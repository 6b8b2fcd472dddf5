package io.staticinvoice.gateway;

import io.staticinvoice.config.LightningProperties;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.crypto.PrivateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeIdentityTest {

    @TempDir
    Path directory;

    @Test
    void generatesAKeyFileReadableOnlyByItsOwnerAndReusesIt() throws Exception {
        Path file = directory.resolve("keys/node.key");
        LightningProperties.Node settings = new LightningProperties.Node(file.toString(), null);

        NodeIdentity first = NodeIdentity.load(settings);
        NodeIdentity second = NodeIdentity.load(settings);

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(second.nodeId()).isEqualTo(first.nodeId());
        assertThat(Files.readString(file, StandardCharsets.US_ASCII).strip()).hasSize(64);
    }

    @Test
    void aConfiguredPrivateKeyWinsOverTheFile() {
        PrivateKey key = PrivateKey.random();
        NodeIdentity identity = NodeIdentity.load(
                new LightningProperties.Node(directory.resolve("unused.key").toString(), Hex.encode(key.bytes())));
        assertThat(identity.nodeId().key()).isEqualTo(key.publicKey());
        assertThat(Files.exists(directory.resolve("unused.key"))).isFalse();
    }

    @Test
    void theReceiveAuthKeyIsDerivedFromTheNodeKeySoReplicasAgree() {
        PrivateKey key = PrivateKey.random();
        assertThat(NodeIdentity.of(key).receiveAuthKey()).isEqualTo(NodeIdentity.of(key).receiveAuthKey());
        assertThat(NodeIdentity.of(key).receiveAuthKey()).isNotEqualTo(NodeIdentity.of(PrivateKey.random()).receiveAuthKey());
        assertThat(NodeIdentity.of(key).toString()).doesNotContain(Hex.encode(key.bytes()));
    }

    @Test
    void rejectsKeysThatAreNotValidScalars() throws Exception {
        Path file = directory.resolve("bad.key");
        Files.writeString(file, "00".repeat(32));
        assertThatThrownBy(() -> NodeIdentity.load(new LightningProperties.Node(file.toString(), null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(file.toString());
        assertThatThrownBy(() -> NodeIdentity.load(new LightningProperties.Node(file.toString(), "abcd")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("sis.node.private-key");
    }
}
