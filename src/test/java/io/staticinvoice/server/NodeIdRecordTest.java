package io.staticinvoice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.config.LoadedNodeKey;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The database's record of its node id, against the JVM's shared test database migrated by Flyway. */
class NodeIdRecordTest {

    private static final byte[] RECIPIENT = "NodeIdRecordTest".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static DataSource dataSource;

    @TempDir Path directory;

    @BeforeAll
    static void migrate() {
        dataSource = TestDatabase.migratedDataSource();
    }

    @AfterEach
    void removeTheRecipient() {
        jdbc().sql("delete from sis.recipient where recipient_id = :id").param("id", RECIPIENT).update();
    }

    @Test
    void aNewKeyAgainstADatabaseWithRecipientsIsRefusedAndItsFileRemoved() throws Exception {
        PrivateKey registrar = PrivateKey.random();
        new NodeIdRecord(dataSource, new LoadedNodeKey(registrar, "sis.node.private-key", Optional.empty()))
                .afterSingletonsInstantiated();
        jdbc().sql("insert into sis.recipient (recipient_id, max_slots) values (:id, 1)").param("id", RECIPIENT).update();
        Path generated = Files.writeString(directory.resolve("node.key"), "generated");

        NodeIdRecord record = new NodeIdRecord(dataSource,
                new LoadedNodeKey(PrivateKey.random(), generated.toString(), Optional.of(generated)));

        assertThatThrownBy(record::afterSingletonsInstantiated)
                .isInstanceOfSatisfying(ForeignDatabaseException.class, e -> {
                    assertThat(e.recordedNodeId()).contains(registrar.publicKey().hex());
                    assertThat(e.generatedKeyFile()).isEqualTo(generated);
                });
        assertThat(generated).doesNotExist();
        assertThat(recorded()).isEqualTo(registrar.publicKey().hex());
    }

    @Test
    void aConfiguredKeyOfAnotherNodeIsAcceptedAndRecorded() {
        new NodeIdRecord(dataSource, new LoadedNodeKey(PrivateKey.random(), "first", Optional.empty()))
                .afterSingletonsInstantiated();
        jdbc().sql("insert into sis.recipient (recipient_id, max_slots) values (:id, 1)").param("id", RECIPIENT).update();
        PrivateKey configured = PrivateKey.random();

        new NodeIdRecord(dataSource, new LoadedNodeKey(configured, "sis.node.private-key", Optional.empty()))
                .afterSingletonsInstantiated();

        assertThat(recorded()).isEqualTo(configured.publicKey().hex());
    }

    @Test
    void aDatabaseWithoutARecordRecordsTheNodeThatStarts() {
        jdbc().sql("delete from sis.node_identity").update();
        PrivateKey key = PrivateKey.random();

        new NodeIdRecord(dataSource, new LoadedNodeKey(key, "sis.node.private-key", Optional.empty()))
                .afterSingletonsInstantiated();

        assertThat(recorded()).isEqualTo(key.publicKey().hex());
    }

    private static String recorded() {
        return Hex.encode(jdbc().sql("select node_id from sis.node_identity").query(byte[].class).single());
    }

    private static JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }
}
