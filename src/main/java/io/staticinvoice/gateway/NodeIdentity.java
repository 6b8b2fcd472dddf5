package io.staticinvoice.gateway;

import io.staticinvoice.config.LightningProperties;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.crypto.Hkdf;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.onion.ReceiveAuthKey;
import io.staticinvoice.lightning.wire.NodeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * This node's identity: its BOLT 8 static key (whose public key is the node id) and the
 * {@link ReceiveAuthKey} that seals the blinded paths it creates, derived from the node key so
 * every replica sharing the key accepts the same paths. {@link #toString()} shows only the id.
 */
public record NodeIdentity(PrivateKey privateKey, NodeId nodeId, ReceiveAuthKey receiveAuthKey) {

    private static final Logger log = LoggerFactory.getLogger(NodeIdentity.class);
    private static final byte[] RECEIVE_AUTH_LABEL =
            "static-invoice-server/receive-auth-key/v1".getBytes(StandardCharsets.US_ASCII);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** The identity of a node key. */
    public static NodeIdentity of(PrivateKey key) {
        return new NodeIdentity(key, new NodeId(key.publicKey()),
                new ReceiveAuthKey(Hkdf.extractExpand2(RECEIVE_AUTH_LABEL, key.bytes()).first()));
    }

    /**
     * Loads the node key: {@code sis.node.private-key} when set, else the hex key in
     * {@code sis.node.key-file}, which is created with a fresh random key and mode 0600 when
     * it does not exist yet.
     */
    public static NodeIdentity load(LightningProperties.Node settings) {
        if (settings.privateKey() != null && !settings.privateKey().isBlank()) {
            return of(parse(settings.privateKey(), "sis.node.private-key"));
        }
        Path file = Path.of(settings.keyFile());
        try {
            if (Files.notExists(file)) {
                createKeyFile(file);
            }
            return of(parse(Files.readString(file, StandardCharsets.US_ASCII), file.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the node key file " + file, e);
        }
    }

    private static void createKeyFile(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException createdConcurrently) {
            return;
        }
        Files.writeString(file, Hex.encode(PrivateKey.random().bytes()) + "\n", StandardCharsets.US_ASCII);
        log.info("Generated a new node key in {}", file);
    }

    private static PrivateKey parse(String hex, String source) {
        try {
            byte[] bytes = Hex.decode(hex.strip());
            if (bytes.length != 32) {
                throw new IllegalStateException(source + " must hold 32 bytes (64 hex characters), not " + bytes.length);
            }
            return PrivateKey.of(bytes);
        } catch (DecodeException | IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not a valid secp256k1 private key: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "NodeIdentity[" + nodeId + "]";
    }
}
