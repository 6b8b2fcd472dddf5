package io.staticinvoice.startup;

import io.staticinvoice.server.ForeignDatabaseException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/** A new node key against a database whose recipients belong to another node: says which key to restore where. */
@Order(Ordered.HIGHEST_PRECEDENCE)
class ForeignDatabaseFailureAnalyzer extends AbstractFailureAnalyzer<ForeignDatabaseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ForeignDatabaseException cause) {
        String node = cause.recordedNodeId().map(id -> "node " + id).orElse("the node that registered them");
        return new FailureAnalysis("No node key was found at " + cause.generatedKeyFile()
                + ", but the database holds recipients registered under " + node
                + "; a new key would break every wallet's server paths, so none was kept.",
                "Restore the key of " + node + " to " + cause.generatedKeyFile()
                        + " (or point sis.node.key-file at it), or use another database for a new node.",
                cause);
    }
}
