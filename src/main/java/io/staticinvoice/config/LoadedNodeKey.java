package io.staticinvoice.config;

import io.staticinvoice.lightning.crypto.PrivateKey;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The node key as this start obtained it: the key, where it came from, and the file this start
 * generated it in, if it did (a new node identity, which {@code NodeIdRecord} checks against
 * the database before the node serves anything).
 *
 * @param key           the node's private key
 * @param source        the key file's path, or {@code sis.node.private-key}
 * @param generatedFile the file written by this start; empty when the key already existed
 */
public record LoadedNodeKey(PrivateKey key, String source, Optional<Path> generatedFile) {

    @Override
    public String toString() {
        return "LoadedNodeKey[" + source + (generatedFile.isPresent() ? ", generated" : "") + "]";
    }
}
