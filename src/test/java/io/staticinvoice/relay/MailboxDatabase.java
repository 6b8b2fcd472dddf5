package io.staticinvoice.relay;

import io.staticinvoice.lightning.wire.NodeId;
import io.staticinvoice.support.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.time.Duration;

/** The shared test PostgreSQL, migrated by Flyway exactly as the application migrates it. */
final class MailboxDatabase {

    private MailboxDatabase() {
    }

    static DataSource dataSource() {
        return TestDatabase.migratedDataSource();
    }

    /** Empties the mailbox so counts in one test are not another's. */
    static void clear() {
        JdbcClient.create(dataSource()).sql("delete from sis.mailbox_message").update();
        JdbcClient.create(dataSource()).sql("delete from sis.mailbox_sequence").update();
    }

    /** Records that the nodes connected just now, so the mailbox keeps messages for them. */
    static void known(NodeId... nodes) {
        knownSince(Duration.ZERO, nodes);
    }

    /** Records that the nodes last connected {@code ago}. */
    static void knownSince(Duration ago, NodeId... nodes) {
        for (NodeId node : nodes) {
            JdbcClient.create(dataSource()).sql("insert into sis.known_peer (node_id, last_connected_at) "
                            + "values (:node, now() - make_interval(secs => :ago)) on conflict (node_id) "
                            + "do update set last_connected_at = excluded.last_connected_at")
                    .param("node", node.bytes()).param("ago", ago.toSeconds()).update();
        }
    }

    /** Whether the node's known-peer row was written within {@code window}. */
    static boolean knownWithin(Duration window, NodeId node) {
        return JdbcClient.create(dataSource()).sql("select count(*) from sis.known_peer where node_id = :node "
                        + "and last_connected_at > now() - make_interval(secs => :window)")
                .param("node", node.bytes()).param("window", window.toSeconds()).query(Long.class).single() == 1;
    }

    static boolean isKnown(NodeId node) {
        return JdbcClient.create(dataSource()).sql("select count(*) from sis.known_peer where node_id = :node")
                .param("node", node.bytes()).query(Long.class).single() == 1;
    }

    static long count() {
        return JdbcClient.create(dataSource()).sql("select count(*) from sis.mailbox_message").query(Long.class).single();
    }
}
