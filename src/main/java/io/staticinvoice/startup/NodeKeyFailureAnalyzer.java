package io.staticinvoice.startup;

import io.staticinvoice.config.InvalidNodeKeyException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/** A node key that cannot be used: names the file (or property) and what is wrong with it. */
@Order(Ordered.HIGHEST_PRECEDENCE)
class NodeKeyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidNodeKeyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidNodeKeyException cause) {
        return new FailureAnalysis("Invalid node key in " + cause.source() + ": " + cause.problem() + ".",
                capitalized(cause.action()) + ".", cause);
    }

    static String capitalized(String sentence) {
        return Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }
}
