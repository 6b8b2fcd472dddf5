package io.staticinvoice.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.staticinvoice.admin.TestApiKeys;
import io.staticinvoice.gateway.LightningGateway;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.support.IntegrationTest;
import io.staticinvoice.support.ServerJar;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code java -jar <jar> check ...} as an operator runs it against a started server: the packaged
 * jar dispatches to the check without starting Spring, prints the report and exits with its code.
 * The bound on the time catches a hang, it does not measure speed. The server gets a key of its
 * own: the integration tests' database holds recipients of other nodes ({@code StartFailureIT}).
 */
@IntegrationTest
class CheckCommandIT {

    private static final Duration HANG = Duration.ofSeconds(150);

    @DynamicPropertySource
    static void nodeKey(DynamicPropertyRegistry registry) {
        registry.add("sis.node.private-key", () -> HexFormat.of().formatHex(PrivateKey.random().bytes()));
    }

    @LocalServerPort int port;
    @Autowired LightningGateway server;
    @TempDir Path directory;

    @Test
    void theJarRunsTheCheckAndExitsZeroOnPass() throws Exception {
        ServerJar.Exit exit = ServerJar.runUntilExit(List.of("check", "--url", "http://127.0.0.1:" + port,
                "--api-key", TestApiKeys.OPERATOR_KEY, "--lightning", server.nodeId() + "@127.0.0.1:"
                        + server.boundAddress().getPort()), directory.resolve("check.log"), HANG);

        assertThat(exit.code()).as(exit.output()).isZero();
        assertThat(exit.output()).contains("PASS  invoice_request -> static invoice").contains("RESULT: PASS")
                .doesNotContain("Started StaticInvoiceServerApplication").doesNotContain(" INFO ");
    }

    @Test
    void theJarExitsOneOnFail() throws Exception {
        ServerJar.Exit exit = ServerJar.runUntilExit(List.of("check", "--url", "http://127.0.0.1:" + port,
                "--api-key", "not-a-key-of-this-server-0123456789"), directory.resolve("check.log"), HANG);

        assertThat(exit.code()).as(exit.output()).isEqualTo(1);
        assertThat(exit.output()).contains("RESULT: FAIL at \"read node (GET /api/v1/node)\"");
    }
}
