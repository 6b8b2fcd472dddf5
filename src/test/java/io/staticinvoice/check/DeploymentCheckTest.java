package io.staticinvoice.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.staticinvoice.admin.TestApiKeys;
import io.staticinvoice.check.CheckReport.Outcome;
import io.staticinvoice.check.CheckReport.Step;
import io.staticinvoice.gateway.LightningGateway;
import io.staticinvoice.gateway.PeerUri;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.store.InvoiceStatus;
import io.staticinvoice.store.Recipient;
import io.staticinvoice.store.RecipientRepository;
import io.staticinvoice.store.RecipientStatus;
import io.staticinvoice.store.StoredInvoice;
import io.staticinvoice.store.StoredInvoiceRepository;
import io.staticinvoice.support.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The deployment check run in-process against a started server: it passes and leaves its
 * recipient and invoice revoked; a wrong API key or a wrong network fails it at the step that
 * names the mistake, and a recipient registered before the failure is still revoked.
 */
@IntegrationTest
class DeploymentCheckTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @LocalServerPort int port;
    @Autowired LightningGateway server;
    @Autowired RecipientRepository recipients;
    @Autowired StoredInvoiceRepository invoices;
    @Autowired TransactionTemplate transactions;

    @Test
    void passesAgainstTheServerAndLeavesItsRecipientAndInvoiceRevoked() {
        Set<String> before = checkRecipientIds();

        CheckReport report = DeploymentCheck.run(options(TestApiKeys.OPERATOR_KEY, "bitcoin"));

        assertThat(report.exitCode()).as(report.render()).isZero();
        assertThat(report.steps()).extracting(Step::outcome).containsOnly(Outcome.PASS);
        assertThat(report.steps()).extracting(Step::name).containsExactly("read node (GET /api/v1/node)",
                "find Lightning address", "register recipient", "connect wallet and payer (BOLT 8)",
                "OfferPathsRequest -> OfferPaths", "ServeStaticInvoice -> StaticInvoicePersisted",
                "invoice_request -> static invoice", "compare with GET /api/v1/invoices/{id}", "revoke invoice",
                "revoke recipient");
        assertThat(report.render()).endsWith("ms\n").contains("RESULT: PASS");

        Set<String> registered = checkRecipientIds();
        registered.removeAll(before);
        assertThat(registered).hasSize(1);
        transactions.executeWithoutResult(status -> {
            Recipient recipient = recipients.findAll().stream()
                    .filter(r -> registered.contains(Hex.encode(r.getRecipientId())))
                    .findFirst().orElseThrow();
            assertThat(recipient.getStatus()).isEqualTo(RecipientStatus.REVOKED);
            List<StoredInvoice> stored = invoices.findAll().stream()
                    .filter(invoice -> invoice.getRecipient().getId().equals(recipient.getId())).toList();
            assertThat(stored).hasSize(1);
            assertThat(stored.get(0).getStatus()).isEqualTo(InvoiceStatus.REVOKED);
        });
    }

    @Test
    void aWrongApiKeyFailsTheFirstStepAndRegistersNothing() {
        Set<String> before = checkRecipientIds();
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        int exitCode = DeploymentCheck.run(new String[] {"--url", "http://127.0.0.1:" + port,
                "--lightning", lightning().toString(), "--timeout-seconds", "15"},
                Map.of(CheckOptions.API_KEY_ENV, "not-a-key-of-this-server-0123456789"),
                new PrintStream(output, true, StandardCharsets.UTF_8));

        String report = output.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).as(report).isEqualTo(1);
        assertThat(report).contains("FAIL  read node (GET /api/v1/node)")
                .contains("GET /api/v1/node answered 401")
                .contains("SKIP  register recipient")
                .contains("RESULT: FAIL at \"read node (GET /api/v1/node)\"");
        assertThat(checkRecipientIds()).isEqualTo(before);
    }

    @Test
    void aWrongNetworkFailsTheConnectionAndTheRecipientIsStillRevoked() {
        CheckReport report = DeploymentCheck.run(options(TestApiKeys.OPERATOR_KEY, "regtest"));

        assertThat(report.exitCode()).as(report.render()).isEqualTo(1);
        assertThat(report.firstFailure()).map(Step::name).contains("connect wallet and payer (BOLT 8)");
        assertThat(outcomes(report)).containsEntry("OfferPathsRequest -> OfferPaths", Outcome.SKIP)
                .containsEntry("revoke invoice", Outcome.SKIP)
                .containsEntry("revoke recipient", Outcome.PASS);
        assertThat(report.steps().get(report.steps().size() - 1).name()).isEqualTo("revoke recipient");
    }

    @Test
    void aUsageErrorExitsWithTwoAndTheUsage() {
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        int exitCode = DeploymentCheck.run(new String[] {"--api-key", "x"}, Map.of(),
                new PrintStream(output, true, StandardCharsets.UTF_8));

        assertThat(exitCode).isEqualTo(2);
        assertThat(output.toString(StandardCharsets.UTF_8)).startsWith("check: --url is required\nusage: check");
    }

    private CheckOptions options(String apiKey, String network) {
        return new CheckOptions(URI.create("http://127.0.0.1:" + port), apiKey,
                Optional.of(CheckOptions.Lightning.parse("127.0.0.1:" + server.boundAddress().getPort())), network,
                TIMEOUT);
    }

    private PeerUri lightning() {
        return new PeerUri(server.nodeId(), server.boundAddress());
    }

    private static Map<String, Outcome> outcomes(CheckReport report) {
        return report.steps().stream().collect(Collectors.toMap(Step::name, Step::outcome));
    }

    /** The ids (hex) of the recipients the check registered, by their label. */
    private Set<String> checkRecipientIds() {
        return recipients.findAll().stream()
                .filter(recipient -> recipient.getLabel() != null && recipient.getLabel().startsWith("sis-check "))
                .map(recipient -> Hex.encode(recipient.getRecipientId()))
                .collect(Collectors.toCollection(HashSet::new));
    }
}
