package io.staticinvoice.startup;

import static org.assertj.core.api.Assertions.assertThat;

import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.support.ServerJar;
import io.staticinvoice.support.TestDatabase;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, started as an operator starts it, with each mistake an operator can make:
 * the process must end by itself, with a non-zero exit code and the one sentence that says what
 * to fix, and no stack trace. The bound on the time is there to catch a hang (the process
 * living on after the failure), not to measure speed: a whole start takes about 50 s on the
 * loaded 2-core build machine.
 */
class StartFailureIT {

    private static final Duration HANG = Duration.ofSeconds(150);

    @TempDir Path directory;

    @Test
    void anInvalidNodeKeyStopsTheStartBeforeTheDatabaseIsTouched() throws Exception {
        ServerJar.Exit exit = start(closedPortDatabaseUrl(), "--sis.node.private-key=abcd");

        exit.assertFailedWith("Invalid node key in sis.node.private-key: the node key must be 32 bytes "
                + "(64 hex characters), found 2 bytes.");
        assertThat(exit.output()).doesNotContain("Cannot connect to the database");
    }

    @Test
    void anUnreachableDatabaseIsNamed() throws Exception {
        String url = closedPortDatabaseUrl();

        start(url).assertFailedWith("Cannot connect to the database at " + url + ":");
    }

    @Test
    void aRejectedLoginNamesTheUser() throws Exception {
        TestDatabase database = TestDatabase.get();

        start(database.url(), "--spring.datasource.username=no_such_operator", "--spring.datasource.password=wrong")
                .assertFailedWith("The database at " + database.url() + " rejected the login of user 'no_such_operator':");
    }

    @Test
    void aMissingDatabaseIsNamed() throws Exception {
        TestDatabase database = TestDatabase.get();
        String url = database.url().replaceFirst("/[^/?]+(\\?|$)", "/no_such_database$1");

        start(url, credentials(database)).assertFailedWith("The database named in " + url + " does not exist:");
    }

    @Test
    void aLightningPortInUseIsNamedAndTheProcessEnds() throws Exception {
        TestDatabase database = TestDatabase.get();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + taken.getLocalPort();

            // A configured key, which the database accepts whatever recipients other tests left in it.
            start(database.url(), credentials(database), "--sis.lightning.listen=" + address,
                    "--sis.node.private-key=" + Hex.encode(PrivateKey.random().bytes()))
                    .assertFailedWith("The Lightning listener cannot bind " + address + " (sis.lightning.listen):");
        }
    }

    @Test
    void aManagementPortThatIsTheAdminPortIsRefusedBeforeTheDatabaseIsTouched() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }

        ServerJar.Exit exit = start(closedPortDatabaseUrl(), "--server.port=" + port, "--management.server.port=" + port);

        exit.assertFailedWith("Invalid value '" + port + "' for configuration property 'management.server.port'");
        assertThat(exit.output()).contains("must not be the admin API's port (server.port)")
                .doesNotContain("Cannot connect to the database");
    }

    @Test
    void aNewKeyIsRefusedWhenTheDatabaseHoldsAnotherNodesRecipients() throws Exception {
        TestDatabase database = TestDatabase.get();
        ServerJar.migrate(database);
        try (Connection connection = database.connect();
             PreparedStatement insert = connection.prepareStatement("insert into sis.recipient (recipient_id, max_slots) "
                     + "values (?, 1) on conflict do nothing")) {
            insert.setBytes(1, "StartFailureIT".getBytes(StandardCharsets.US_ASCII));
            insert.executeUpdate();
        }
        Path keyFile = directory.resolve("fresh/node.key");

        start(database.url(), credentials(database), "--sis.node.key-file=" + keyFile)
                .assertFailedWith("No node key was found at " + keyFile + ", but the database holds recipients "
                        + "registered under");
        assertThat(keyFile).doesNotExist();
    }

    private ServerJar.Exit start(String databaseUrl, String... arguments) throws Exception {
        List<String> all = new ArrayList<>(List.of("--spring.datasource.url=" + databaseUrl));
        all.addAll(List.of(arguments));
        for (String port : List.of("--server.port=", "--management.server.port=")) {
            if (all.stream().noneMatch(argument -> argument.startsWith(port))) {
                all.add(port + "0");
            }
        }
        if (all.stream().noneMatch(argument -> argument.startsWith("--sis.lightning.listen="))) {
            all.add("--sis.lightning.listen=127.0.0.1:0");
        }
        if (all.stream().noneMatch(argument -> argument.startsWith("--sis.node."))) {
            all.add("--sis.node.key-file=" + directory.resolve("node.key"));
        }
        return ServerJar.runUntilExit(all, directory.resolve("output.log"), HANG);
    }

    private ServerJar.Exit start(String databaseUrl, String[] credentials, String... arguments) throws Exception {
        List<String> all = new ArrayList<>(List.of(credentials));
        all.addAll(List.of(arguments));
        return start(databaseUrl, all.toArray(String[]::new));
    }

    private static String[] credentials(TestDatabase database) {
        return new String[] {"--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password()};
    }

    private static String closedPortDatabaseUrl() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        return "jdbc:postgresql://127.0.0.1:" + port + "/sis";
    }
}
