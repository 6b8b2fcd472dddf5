package io.staticinvoice.server;

import java.nio.file.Path;
import java.util.Optional;

/**
 * This start generated a new node key, but the database already holds recipients, whose paths
 * are sealed with the key of the node that registered them ({@code recordedNodeId}, when the
 * database recorded it). Serving with the new key would silently break every wallet's paths.
 */
public final class ForeignDatabaseException extends RuntimeException {

    private final Path generatedKeyFile;
    private final Optional<String> recordedNodeId;

    ForeignDatabaseException(Path generatedKeyFile, Optional<String> recordedNodeId) {
        super("a new node key was generated in " + generatedKeyFile + " but the database holds recipients registered under "
                + recordedNodeId.map(id -> "node " + id).orElse("another node"));
        this.generatedKeyFile = generatedKeyFile;
        this.recordedNodeId = recordedNodeId;
    }

    /** Where the new key was written (and removed again, since it must not be used). */
    public Path generatedKeyFile() {
        return generatedKeyFile;
    }

    /** The node id the database recorded, if it did (databases from before V7 did not). */
    public Optional<String> recordedNodeId() {
        return recordedNodeId;
    }
}
