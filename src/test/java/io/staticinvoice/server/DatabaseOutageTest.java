package io.staticinvoice.server;

import static io.staticinvoice.server.ProtocolHarness.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.staticinvoice.gateway.LightningGateway;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.offers.InvoiceRequest;
import io.staticinvoice.lightning.offers.Offer;
import io.staticinvoice.check.Payer;
import io.staticinvoice.reference.ReferenceRecipient;
import io.staticinvoice.check.Wallet.OfferPathsAnswer;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.server.ProtocolHarness.Handover;
import io.staticinvoice.server.RecipientService.Registration;
import io.staticinvoice.store.InvoiceStatus;
import io.staticinvoice.store.StoredInvoice;
import io.staticinvoice.store.StoredInvoiceRepository;
import io.staticinvoice.support.TcpProxy;
import io.staticinvoice.support.ProxiedDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The database goes away while payers are served: a {@link TcpProxy} between the server and
 * PostgreSQL first slows every packet, then resets every connection and refuses new ones, then
 * heals. Readiness must say DOWN within 2 s of the cut (the probe never waits on the pool), come
 * back UP by itself once the database is reachable again, and nothing the server confirmed may
 * be lost.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ContextConfiguration(initializers = DatabaseOutageTest.ProxiedDatabaseInitializer.class)
@DirtiesContext
class DatabaseOutageTest {

    private static final Duration READINESS_BOUND = Duration.ofSeconds(2);
    /** Left open until the JVM exits: the context's pool still talks through it while the context closes. */
    private static TcpProxy proxy;

    @Autowired ProtocolHarness harness;
    @Autowired StoredInvoiceRepository invoices;
    @Autowired LightningGateway gateway;
    @LocalManagementPort int managementPort;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Points the datasource at a proxy in front of the test database. */
    static final class ProxiedDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            ProxiedDatabase database = ProxiedDatabase.start();
            proxy = database.proxy();
            context.getEnvironment().getPropertySources().addFirst(
                    new MapPropertySource("proxiedDatabase", Map.copyOf(database.datasourceProperties())));
        }
    }

    @Test
    void readinessFollowsTheDatabaseAndNothingConfirmedIsLost() throws Exception {
        Registration registration = harness.register(null);
        Handover before;
        try (ReferenceRecipient recipient = harness.recipient(PrivateKey.random())) {
            before = harness.handOver(recipient, registration, 0, TIMEOUT);
        }
        assertThat(before.confirmed()).isTrue();
        await().atMost(TIMEOUT).until(() -> readiness() == 200);

        proxy.latency(Duration.ofMillis(20));
        try (Payer payer = harness.payer();
             ReferenceRecipient during = harness.recipient(PrivateKey.random())) {
            assertThat(served(payer, before.offer())).isEqualTo(before.invoice());
            assertThat(readiness()).isEqualTo(200);
            OfferPathsAnswer paths = during.requestOfferPaths(ProtocolHarness.serverPath(registration), 1);

            proxy.cut();
            await().atMost(READINESS_BOUND).until(() -> readiness() == 503);

            Offer offer = during.offer(paths.offerPaths());
            BlindedMessagePath forwardPath = during.forwardPath(gateway.nodeId());
            during.serve(during.invoice(offer, forwardPath, Instant.now()).bytes(), forwardPath,
                    paths.serveInvoicePath());
            boolean confirmedDuringOutage = during.confirmed(Duration.ofSeconds(3));
            assertThat(readiness()).isEqualTo(503);

            proxy.latency(Duration.ZERO);
            proxy.heal();
            await().atMost(TIMEOUT).until(() -> readiness() == 200);

            await().atMost(TIMEOUT.multipliedBy(4)).untilAsserted(() ->
                    assertThat(served(payer, before.offer())).isEqualTo(before.invoice()));
            List<StoredInvoice> stored = invoices.findAll().stream()
                    .filter(invoice -> invoice.getRecipient().getId().equals(registration.recipient().getId()))
                    .toList();
            assertThat(stored).anySatisfy(invoice -> {
                assertThat(invoice.getSlot()).isEqualTo(0);
                assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.ACTIVE);
                assertThat(invoice.getInvoice()).isEqualTo(before.invoice());
            });
            if (confirmedDuringOutage) {
                assertThat(stored).anySatisfy(invoice -> assertThat(invoice.getSlot()).isEqualTo(1));
            }
        }
    }

    private static byte[] served(Payer payer, Offer offer) throws Exception {
        InvoiceRequest request = payer.invoiceRequest(offer);
        payer.request(offer, request, true);
        return payer.staticInvoice(TIMEOUT).orElse(null);
    }

    private int readiness() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
