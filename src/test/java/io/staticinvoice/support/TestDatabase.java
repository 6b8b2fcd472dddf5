package io.staticinvoice.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL database every integration test of this JVM uses, chosen once:
 * <ol>
 *   <li>{@code TEST_DATABASE_URL} (with {@code TEST_DATABASE_USER} and {@code TEST_DATABASE_PASSWORD}) when set;</li>
 *   <li>a Testcontainers PostgreSQL when a Docker engine answers;</li>
 *   <li>otherwise a fresh database created on the local server ({@code localhost:5432}, user postgres),
 *       dropped when the JVM exits.</li>
 * </ol>
 * Never H2, never mocks: the schema is the one Flyway builds in production.
 */
public record TestDatabase(String url, String username, String password, String origin) {

    private static final String LOCAL_ADMIN_URL = "jdbc:postgresql://localhost:5432/postgres";

    private static TestDatabase instance;
    private static DataSource migrated;

    /** The shared database, started or created on first use. */
    public static synchronized TestDatabase get() {
        if (instance == null) {
            instance = resolve();
        }
        return instance;
    }

    private static TestDatabase resolve() {
        String url = System.getenv("TEST_DATABASE_URL");
        if (url != null && !url.isBlank()) {
            return new TestDatabase(url, envOr("TEST_DATABASE_USER", "postgres"),
                    envOr("TEST_DATABASE_PASSWORD", ""), "TEST_DATABASE_URL");
        }
        if (dockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "test-db-stop"));
            return new TestDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                    "Testcontainers");
        }
        return createLocalDatabase();
    }

    /** Asks Testcontainers only where a Docker engine may be, so machines without one stay quiet. */
    private static boolean dockerAvailable() {
        boolean engineConfigured = System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
        if (!engineConfigured) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static TestDatabase createLocalDatabase() {
        String name = "sis_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                .toLowerCase(Locale.ROOT);
        String user = envOr("LOCAL_DATABASE_USER", "postgres");
        String password = envOr("LOCAL_DATABASE_PASSWORD", "");
        execute(user, password, "create database " + name);
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> execute(user, password, "drop database if exists " + name + " with (force)"), "test-db-drop"));
        return new TestDatabase("jdbc:postgresql://localhost:5432/" + name, user, password, "local server");
    }

    private static void execute(String user, String password, String sql) {
        try (Connection connection = DriverManager.getConnection(LOCAL_ADMIN_URL, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("local PostgreSQL at " + LOCAL_ADMIN_URL
                    + " is needed for the tests (or set TEST_DATABASE_URL, or run Docker): " + sql, e);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    /**
     * The shared database migrated by Flyway exactly as the application migrates it, for tests
     * that use its tables without an application context (each connection is opened on demand).
     */
    public static synchronized DataSource migratedDataSource() {
        if (migrated == null) {
            TestDatabase database = get();
            migrated = new DriverManagerDataSource(database.url(), database.username(), database.password());
            Flyway.configure().dataSource(migrated).schemas("sis").defaultSchema("sis").createSchemas(true)
                    .load().migrate();
        }
        return migrated;
    }

    /** Opens a plain JDBC connection to the test database. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, username, password);
    }
}
