package io.staticinvoice.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.staticinvoice.admin.TestApiKeys;
import io.staticinvoice.gateway.LightningGateway;
import io.staticinvoice.support.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A short load run against the real server (REST and BOLT 8 over loopback, PostgreSQL), gentle
 * enough for the default rate limits: every reply is verified to be the recipient's invoice on
 * the payer's reply path, in LDK's packet shapes.
 */
@IntegrationTest
class LoadGeneratorTest {

    @LocalServerPort int restPort;
    @Autowired LightningGateway gateway;

    @Test
    void servesEveryRequestWithTheRecipientsInvoice() throws Exception {
        LoadOptions options = LoadOptions.parse("--api-key", TestApiKeys.OPERATOR_KEY,
                "--rest", "http://127.0.0.1:" + restPort,
                "--lightning", "127.0.0.1:" + gateway.boundAddress().getPort(),
                "--recipients", "3", "--payers", "2", "--rate", "6", "--hot-share", "0.3", "--in-flight", "2",
                "--warmup", "1", "--duration", "2", "--verify-every", "1",
                "--server-pid", Long.toString(ProcessHandle.current().pid()));
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        LoadReport report = new LoadGenerator(options, new PrintStream(log, true, StandardCharsets.UTF_8)).run();

        assertThat(report.counts().served()).isPositive();
        assertThat(report.counts().lost()).isZero();
        assertThat(report.counts().unexpected()).isZero();
        assertThat(report.counts().verifyFailed()).isZero();
        // A reply counts as served before it is verified, so one per payer may straddle the window's edges.
        assertThat(report.counts().verified()).isBetween(report.counts().served() - 2, report.counts().served() + 2);
        assertThat(report.latencies().count()).isEqualTo((int) report.counts().served());
        // The offer path (one hop, compact) and a 3-dummy-hop reply path fit the small packet.
        assertThat(report.shapes().requestPacketBytes()).isEqualTo(1 + 33 + 1300 + 32);
        assertThat(report.serverCpuMillisPerServed()).isPositive();
        assertThat(report.serverOutcomes()).containsKey("static_invoice.sent");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("3 recipients registered");
    }
}
