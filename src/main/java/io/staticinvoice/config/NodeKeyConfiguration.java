package io.staticinvoice.config;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.crypto.PrivateKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Provides the node's private key: {@code sis.node.private-key} when set, otherwise the hex key in
 * {@code sis.node.key-file}, generated there with mode 0600 on first start. The key is never logged;
 * only the node id is.
 */
@Configuration(proxyBeanMethods = false)
public class NodeKeyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NodeKeyConfiguration.class);

    @Bean
    PrivateKey nodeKey(LightningProperties properties) {
        LightningProperties.Node node = properties.node();
        PrivateKey key = node.privateKey() != null && !node.privateKey().isBlank()
                ? parse(node.privateKey(), "sis.node.private-key")
                : loadOrCreate(Path.of(node.keyFile()));
        log.info("Lightning node id {}", key.publicKey().hex());
        return key;
    }

    private static PrivateKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return parse(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
            }
            PrivateKey key = PrivateKey.random();
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
            if (posix) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, Hex.encode(key.bytes()), StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
            log.info("Generated a new node key in {}", file);
            return key;
        } catch (FileAlreadyExistsException e) {
            return loadOrCreate(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the node key file " + file, e);
        }
    }

    private static PrivateKey parse(String hex, String source) {
        try {
            byte[] bytes = Hex.decode(hex);
            if (bytes.length != 32) {
                throw new IllegalStateException(source + ": node key must be 32 bytes, got " + bytes.length);
            }
            return PrivateKey.of(bytes);
        } catch (DecodeException | IllegalArgumentException e) {
            throw new IllegalStateException(source + ": not a valid node key (" + e.getMessage() + ")", e);
        }
    }
}
