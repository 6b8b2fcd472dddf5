package io.staticinvoice.config;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.crypto.PrivateKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads or creates the node key ({@code sis.node.*}). A key file is created with mode 0600 in a
 * directory created with mode 0700, written and forced to disk together with its directory
 * entry before it is used, so a crash right after the first start cannot lose the identity the
 * wallets' paths are sealed with. An existing key file that other users may access (any
 * permission for "others") is refused; one that its group may access is accepted with a
 * warning, since Kubernetes mounts Secrets readable by the pod's {@code fsGroup}.
 */
final class NodeKeyLoader {

    private static final Logger log = LoggerFactory.getLogger(NodeKeyLoader.class);
    private static final String PRIVATE_KEY_PROPERTY = "sis.node.private-key";
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final Set<PosixFilePermission> GROUP = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE);

    private NodeKeyLoader() {
    }

    static LoadedNodeKey load(LightningProperties.Node node) {
        if (node.privateKey() != null && !node.privateKey().isBlank()) {
            return new LoadedNodeKey(parse(node.privateKey(), PRIVATE_KEY_PROPERTY), PRIVATE_KEY_PROPERTY, Optional.empty());
        }
        return loadOrCreate(node.keyFilePath().toAbsolutePath());
    }

    private static LoadedNodeKey loadOrCreate(Path file) {
        if (Files.exists(file)) {
            return new LoadedNodeKey(read(file), file.toString(), Optional.empty());
        }
        PrivateKey key = PrivateKey.random();
        try {
            create(file, key);
        } catch (FileAlreadyExistsException raced) {
            return new LoadedNodeKey(read(file), file.toString(), Optional.empty());
        } catch (IOException e) {
            throw new InvalidNodeKeyException(file.toString(), "there is no node key and none can be created there ("
                    + describe(e) + ")", "put the node's key in that file (64 hex characters), or set "
                    + "sis.node.key-file to a writable place for a new node", e);
        }
        log.info("Generated a new node key in {}", file);
        return new LoadedNodeKey(key, file.toString(), Optional.of(file));
    }

    private static PrivateKey read(Path file) {
        String source = file.toString();
        try {
            if (isPosix(file)) {
                checkPermissions(file);
            }
            return parse(Files.readString(file, StandardCharsets.US_ASCII), source);
        } catch (IOException e) {
            throw new InvalidNodeKeyException(source, "the node key file cannot be read (" + describe(e) + ")",
                    "make it a regular file readable by the server's user", e);
        }
    }

    private static void checkPermissions(Path file) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        String mode = PosixFilePermissions.toString(permissions);
        if (permissions.stream().anyMatch(OTHERS::contains)) {
            throw new InvalidNodeKeyException(file.toString(), "the node key file is accessible to other users (mode "
                    + mode + ")", "restrict it to its owner with chmod 600 " + file
                    + " (anyone who read it can impersonate this node: consider the key exposed)", null);
        }
        if (permissions.stream().anyMatch(GROUP::contains)) {
            log.warn("The node key file {} is accessible to its group (mode {}): keep that group to the server "
                    + "alone (as a Kubernetes fsGroup does), or chmod 600 it", file, mode);
        }
    }

    private static void create(Path file, PrivateKey key) throws IOException {
        Path directory = file.getParent();
        boolean posix = isPosix(directory == null ? file.toAbsolutePath().getRoot() : directory);
        if (directory != null && !Files.isDirectory(directory)) {
            if (posix) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(directory);
            }
        }
        FileAttribute<?>[] ownerOnly = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                ownerOnly)) {
            ByteBuffer hex = ByteBuffer.wrap(Hex.encode(key.bytes()).getBytes(StandardCharsets.US_ASCII));
            while (hex.hasRemaining()) {
                channel.write(hex);
            }
            channel.force(true);
        }
        if (directory != null && posix) {
            // The new directory entry reaches the disk too (POSIX systems can open a directory to fsync it).
            try (FileChannel entry = FileChannel.open(directory, StandardOpenOption.READ)) {
                entry.force(true);
            }
        }
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static PrivateKey parse(String hex, String source) {
        String action = "put the node's 32-byte key there as 64 hex characters (a new node: openssl rand -hex 32; "
                + "an existing node: restore its key from your backup)";
        byte[] bytes;
        try {
            bytes = Hex.decode(hex.strip());
        } catch (DecodeException | IllegalArgumentException e) {
            throw new InvalidNodeKeyException(source, "the node key is not hex (" + e.getMessage() + ")", action, e);
        }
        if (bytes.length != PrivateKey.LENGTH) {
            throw new InvalidNodeKeyException(source, "the node key must be " + PrivateKey.LENGTH + " bytes (64 hex "
                    + "characters), found " + bytes.length + " bytes", action, null);
        }
        try {
            return PrivateKey.of(bytes);
        } catch (IllegalArgumentException e) {
            throw new InvalidNodeKeyException(source, "the node key is not a valid secp256k1 private key", action, e);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied: " + e.getMessage();
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory: " + e.getMessage();
        }
        return e.toString();
    }
}
