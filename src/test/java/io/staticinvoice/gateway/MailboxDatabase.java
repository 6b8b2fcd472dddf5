package io.staticinvoice.gateway;

import io.staticinvoice.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;

/** The shared test PostgreSQL, migrated by Flyway exactly as the application migrates it. */
final class MailboxDatabase {

    private static DataSource dataSource;

    private MailboxDatabase() {
    }

    static synchronized DataSource dataSource() {
        if (dataSource == null) {
            TestDatabase database = TestDatabase.get();
            dataSource = new DriverManagerDataSource(database.url(), database.username(), database.password());
            Flyway.configure().dataSource(dataSource).schemas("sis").defaultSchema("sis").createSchemas(true)
                    .load().migrate();
        }
        return dataSource;
    }

    /** Empties the mailbox so counts in one test are not another's. */
    static void clear() {
        JdbcClient.create(dataSource()).sql("delete from sis.mailbox_message").update();
    }

    static long count() {
        return JdbcClient.create(dataSource()).sql("select count(*) from sis.mailbox_message").query(Long.class).single();
    }
}
