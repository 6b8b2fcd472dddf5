package io.staticinvoice.config;

/**
 * The node key cannot be used: malformed, unreadable, readable by other users, or missing where
 * it cannot be created. Thrown before the database is touched; {@code problem} says what is
 * wrong with {@code source} and {@code action} what the operator should do about it.
 */
public final class InvalidNodeKeyException extends RuntimeException {

    private final String source;
    private final String problem;
    private final String action;

    InvalidNodeKeyException(String source, String problem, String action, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
        this.problem = problem;
        this.action = action;
    }

    /** The key file, or {@code sis.node.private-key}. */
    public String source() {
        return source;
    }

    public String problem() {
        return problem;
    }

    public String action() {
        return action;
    }
}
