package io.staticinvoice.health;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The database part of the readiness probe: whether PostgreSQL answers now, known within a
 * bounded time. It never borrows from the connection pool (whose borrowers wait up to Hikari's
 * {@code connectionTimeout}, 30 s, when the database is gone, and then the probe would hang and
 * the pool's own checks decide). Instead it keeps one connection of its own, opened with the
 * driver's connect, login and socket timeouts set to {@code timeout}, and validates it with
 * {@link Connection#isValid} within the same timeout; a connection that fails is closed and the
 * next check opens a new one, so readiness comes back by itself when the database does. Checks
 * run one at a time: a probe arriving while another still waits is answered DOWN at once rather
 * than queued behind it.
 */
public final class DatabaseHealthIndicator implements HealthIndicator {

    private final String url;
    private final Properties connectionProperties;
    private final int timeoutSeconds;
    private final ReentrantLock checking = new ReentrantLock();
    private Connection connection;

    /**
     * @param url      the JDBC URL of the application's database
     * @param username its user
     * @param password its password (may be empty)
     * @param timeout  the bound of each step of a check, in whole seconds (PostgreSQL's driver counts in seconds)
     */
    public DatabaseHealthIndicator(String url, String username, String password, Duration timeout) {
        this.url = url;
        this.timeoutSeconds = (int) Math.max(1, timeout.toSeconds());
        this.connectionProperties = new Properties();
        if (username != null) {
            connectionProperties.setProperty("user", username);
        }
        if (password != null) {
            connectionProperties.setProperty("password", password);
        }
        String seconds = Integer.toString(timeoutSeconds);
        connectionProperties.setProperty("connectTimeout", seconds);
        connectionProperties.setProperty("loginTimeout", seconds);
        connectionProperties.setProperty("socketTimeout", seconds);
        connectionProperties.setProperty("ApplicationName", "static-invoice-server health");
    }

    @Override
    public Health health() {
        boolean locked = false;
        try {
            locked = checking.tryLock(timeoutSeconds, TimeUnit.SECONDS);
            if (!locked) {
                return Health.down().withDetail("error", "a previous check is still waiting for the database").build();
            }
            return check();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down().withDetail("error", "interrupted").build();
        } finally {
            if (locked) {
                checking.unlock();
            }
        }
    }

    private Health check() {
        try {
            if (connection == null) {
                connection = DriverManager.getConnection(url, connectionProperties);
            }
            if (connection.isValid(timeoutSeconds)) {
                return Health.up().build();
            }
            closeConnection();
            return Health.down().withDetail("error", "no answer within " + timeoutSeconds + " s").build();
        } catch (SQLException e) {
            closeConnection();
            return Health.down().withDetail("error", String.valueOf(e.getMessage())).build();
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection is already broken; nothing more to release
            }
            connection = null;
        }
    }
}
