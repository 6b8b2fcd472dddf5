package io.staticinvoice.startup;

import java.sql.SQLException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * A database connection that failed at start, told by its SQLSTATE: unreachable (class 08),
 * login rejected (class 28), database missing (3D000). Names the configured URL and user.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseConnectionFailureAnalyzer implements FailureAnalyzer {

    private final Environment environment;

    DatabaseConnectionFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                FailureAnalysis analysis = analyze(sql);
                if (analysis != null) {
                    return analysis;
                }
            }
        }
        return null;
    }

    private FailureAnalysis analyze(SQLException failure) {
        String url = environment.getProperty("spring.datasource.url", "(spring.datasource.url not set)");
        String user = environment.getProperty("spring.datasource.username", "");
        String state = failure.getSQLState();
        String reason = reason(failure);
        if (state.startsWith("08")) {
            return new FailureAnalysis("Cannot connect to the database at " + url + ": " + reason + ".",
                    "Start PostgreSQL there, or set spring.datasource.url (SPRING_DATASOURCE_URL) to where it runs.",
                    failure);
        }
        if (state.startsWith("28")) {
            return new FailureAnalysis("The database at " + url + " rejected the login of user '" + user + "': "
                    + reason + ".",
                    "Set spring.datasource.username and spring.datasource.password (SPRING_DATASOURCE_USERNAME, "
                            + "SPRING_DATASOURCE_PASSWORD) to an account of that database, or allow it in pg_hba.conf.",
                    failure);
        }
        if (state.equals("3D000")) {
            return new FailureAnalysis("The database named in " + url + " does not exist: " + reason + ".",
                    "Create it (createdb, or CREATE DATABASE), or correct the database name in spring.datasource.url "
                            + "(SPRING_DATASOURCE_URL).",
                    failure);
        }
        return null;
    }

    /** The driver's message, without a trailing period; with the underlying cause when it says more (an unknown host). */
    private static String reason(SQLException failure) {
        String message = String.valueOf(failure.getMessage()).strip();
        Throwable cause = failure.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message = message + " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
        }
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }
}
