package io.staticinvoice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.crypto.PrivateKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeKeyLoaderTest {

    @TempDir Path directory;

    @Test
    void generatesAKeyOwnerOnlyInANewOwnerOnlyDirectoryAndReadsItBackOnTheNextStart() throws Exception {
        Path file = directory.resolve("new/node.key");

        LoadedNodeKey generated = NodeKeyLoader.load(new LightningProperties.Node(file.toString(), null));
        LoadedNodeKey reread = NodeKeyLoader.load(new LightningProperties.Node(file.toString(), null));

        assertThat(generated.generatedFile()).contains(file.toAbsolutePath());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(Files.readString(file)).matches("[0-9a-f]{64}");
        assertThat(reread.generatedFile()).isEmpty();
        assertThat(reread.key().publicKey()).isEqualTo(generated.key().publicKey());
        assertThat(reread.source()).isEqualTo(file.toAbsolutePath().toString());
    }

    @Test
    void anUnsetKeyFileIsTheSameFileWhateverTheWorkingDirectory() {
        Path expected = Path.of(System.getProperty("user.home"), ".static-invoice-server", "node.key");
        assertThat(new LightningProperties.Node(null, null).keyFilePath()).isEqualTo(expected).isAbsolute();
        assertThat(new LightningProperties.Node(" ", null).keyFilePath()).isEqualTo(expected);
    }

    @Test
    void refusesAKeyFileOtherUsersMayReadAndAcceptsOneItsGroupMayRead() throws Exception {
        PrivateKey key = PrivateKey.random();
        Path file = keyFile(Hex.encode(key.bytes()) + "\n", "rw-r--r--");

        assertThatThrownBy(() -> NodeKeyLoader.load(new LightningProperties.Node(file.toString(), null)))
                .isInstanceOfSatisfying(InvalidNodeKeyException.class, e -> {
                    assertThat(e.problem()).contains("accessible to other users", "rw-r--r--");
                    assertThat(e.action()).contains("chmod 600 " + file);
                });

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        assertThat(NodeKeyLoader.load(new LightningProperties.Node(file.toString(), null)).key().publicKey())
                .isEqualTo(key.publicKey());
    }

    @Test
    void refusesMalformedKeysNamingWhereTheyCameFrom() throws Exception {
        Path notHex = keyFile("not a key", "rw-------");
        Path short16 = keyFile("00".repeat(16), "rw-------");
        Path zero = keyFile("00".repeat(32), "rw-------");

        assertThatThrownBy(() -> NodeKeyLoader.load(new LightningProperties.Node(notHex.toString(), null)))
                .isInstanceOfSatisfying(InvalidNodeKeyException.class, e -> {
                    assertThat(e.source()).isEqualTo(notHex.toString());
                    assertThat(e.problem()).startsWith("the node key is not hex");
                    assertThat(e.action()).contains("64 hex characters");
                });
        assertThatThrownBy(() -> NodeKeyLoader.load(new LightningProperties.Node(short16.toString(), null)))
                .isInstanceOfSatisfying(InvalidNodeKeyException.class,
                        e -> assertThat(e.problem()).contains("found 16 bytes"));
        assertThatThrownBy(() -> NodeKeyLoader.load(new LightningProperties.Node(zero.toString(), null)))
                .isInstanceOfSatisfying(InvalidNodeKeyException.class,
                        e -> assertThat(e.problem()).contains("not a valid secp256k1 private key"));
        assertThatThrownBy(() -> NodeKeyLoader.load(new LightningProperties.Node(null, "abcd")))
                .isInstanceOfSatisfying(InvalidNodeKeyException.class,
                        e -> assertThat(e.source()).isEqualTo("sis.node.private-key"));
    }

    @Test
    void theConfiguredKeyWinsOverTheFileAndIsNeverGenerated() {
        PrivateKey key = PrivateKey.random();
        LoadedNodeKey loaded = NodeKeyLoader.load(
                new LightningProperties.Node(directory.resolve("unused.key").toString(), Hex.encode(key.bytes())));
        assertThat(loaded.key().publicKey()).isEqualTo(key.publicKey());
        assertThat(loaded.generatedFile()).isEmpty();
        assertThat(directory.resolve("unused.key")).doesNotExist();
    }

    @Test
    void aKeyFileThatIsADirectoryCannotBeRead() throws Exception {
        Path file = Files.createDirectory(directory.resolve("node.key"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        assertThatThrownBy(() -> NodeKeyLoader.load(new LightningProperties.Node(file.toString(), null)))
                .isInstanceOfSatisfying(InvalidNodeKeyException.class,
                        e -> assertThat(e.problem()).startsWith("the node key file cannot be read"));
    }

    private Path keyFile(String content, String mode) throws Exception {
        Path file = Files.createTempFile(directory, "node", ".key");
        Files.writeString(file, content, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }
}
