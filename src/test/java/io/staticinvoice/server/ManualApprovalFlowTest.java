package io.staticinvoice.server;

import static io.staticinvoice.admin.TestApiKeys.operator;
import static io.staticinvoice.admin.TestApiKeys.viewer;
import static io.staticinvoice.server.ProtocolHarness.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.staticinvoice.check.Payer;
import io.staticinvoice.gateway.ReceivedMessage;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.offers.InvoiceRequest;
import io.staticinvoice.lightning.onion.IntroductionNode;
import io.staticinvoice.lightning.onion.OnionMessageType;
import io.staticinvoice.reference.ReferenceRecipient;
import io.staticinvoice.server.ProtocolHarness.Handover;
import io.staticinvoice.server.RecipientService.Registration;
import io.staticinvoice.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Manual approval end to end (DESIGN.md step 3, "approved where approval is required"): a reference
 * recipient's ServeStaticInvoice waits PENDING, unconfirmed and unserved (its payers' requests are
 * still forwarded), until an OPERATOR approves it over the REST API; only then does
 * StaticInvoicePersisted reach the recipient over Lightning and payers get the exact invoice bytes,
 * until a revocation over REST stops serving at once. The confirmation is sent from the reply path
 * stored in the database, so any replica may approve.
 */
@IntegrationTest
@TestPropertySource(properties = "sis.approval.mode=manual")
class ManualApprovalFlowTest {

    private static final Duration QUIET = Duration.ofSeconds(2);
    /** The path id of the reply path {@link ReferenceRecipient#serve} asks the confirmation on. */
    private static final String RECIPIENT_REPLY_PATH_ID = "invoice-persisted";

    @Autowired ProtocolHarness harness;
    @Autowired WebApplicationContext context;
    @Autowired JdbcTemplate jdbc;
    @Autowired RequestStats stats;

    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    @Test
    void anOperatorApprovesAPendingInvoiceOverRestAndARevocationStopsServingIt() throws Exception {
        Registration registration = harness.register(null);
        try (ReferenceRecipient recipient = harness.recipient(PrivateKey.random());
             Payer payer = harness.payer()) {
            Handover handover = harness.handOver(recipient, registration, 0, QUIET);
            assertThat(handover.confirmed()).as("StaticInvoicePersisted while pending").isFalse();
            long id = pendingInvoiceId(registration);
            byte[] replyPath = storedReplyPath(id);
            assertThat(replyPath).as("reply_path kept for the approval").isNotNull();
            assertThat(StoredPaths.decode(replyPath).introductionNode())
                    .isEqualTo(new IntroductionNode.NodeId(recipient.id().key()));

            long notActive = dropped("invoice_not_active");
            InvoiceRequest whilePending = payer.invoiceRequest(handover.offer());
            payer.request(handover.offer(), whilePending, true);
            assertThat(recipient.await(OnionMessageType.INVOICE_REQUEST, TIMEOUT).message().value())
                    .isEqualTo(whilePending.bytes());
            assertThat(payer.staticInvoice(QUIET)).as("static invoice while pending").isEmpty();
            assertThat(dropped("invoice_not_active")).isEqualTo(notActive + 1);

            mvc.perform(post("/api/v1/invoices/{id}/approve", id).with(viewer()))
                    .andExpect(status().isForbidden());
            mvc.perform(get("/api/v1/invoices/{id}", id).with(viewer()))
                    .andExpect(jsonPath("$.status").value("PENDING"))
                    .andExpect(jsonPath("$.approvedAt").value(nullValue()));

            String approvedAt = JsonPath.read(mvc.perform(post("/api/v1/invoices/{id}/approve", id).with(operator()))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.id").value(id))
                    .andExpect(jsonPath("$.status").value("ACTIVE"))
                    .andReturn().getResponse().getContentAsString(), "$.approvedAt");
            ReceivedMessage confirmation = recipient.await(OnionMessageType.STATIC_INVOICE_PERSISTED, TIMEOUT);
            assertThat(pathIdOf(confirmation)).isEqualTo(RECIPIENT_REPLY_PATH_ID);

            mvc.perform(post("/api/v1/invoices/{id}/approve", id).with(operator()))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.status").value("ACTIVE"))
                    .andExpect(jsonPath("$.approvedAt").value(approvedAt));
            assertThat(recipient.confirmed(QUIET)).as("a second StaticInvoicePersisted").isFalse();

            InvoiceRequest whileActive = payer.invoiceRequest(handover.offer());
            payer.request(handover.offer(), whileActive, true);
            assertThat(payer.staticInvoice(TIMEOUT).orElseThrow()).isEqualTo(handover.invoice());
            assertThat(recipient.await(OnionMessageType.INVOICE_REQUEST, TIMEOUT).message().value())
                    .isEqualTo(whileActive.bytes());

            mvc.perform(post("/api/v1/invoices/{id}/revoke", id).with(operator())
                            .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"wallet reported lost\"}"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.status").value("REVOKED"))
                    .andExpect(jsonPath("$.revokeReason").value("wallet reported lost"));
            long notActiveBeforeRevokedRequest = dropped("invoice_not_active");
            InvoiceRequest afterRevocation = payer.invoiceRequest(handover.offer());
            payer.request(handover.offer(), afterRevocation, true);
            assertThat(recipient.await(OnionMessageType.INVOICE_REQUEST, TIMEOUT).message().value())
                    .isEqualTo(afterRevocation.bytes());
            assertThat(payer.staticInvoice(QUIET)).as("static invoice after revocation").isEmpty();
            assertThat(dropped("invoice_not_active")).isEqualTo(notActiveBeforeRevokedRequest + 1);

            mvc.perform(get("/api/v1/invoices/{id}/history", id).with(viewer()))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$[*].toStatus").value(contains("PENDING", "ACTIVE", "REVOKED")))
                    .andExpect(jsonPath("$[1].actor").value("test-operator"));
        }
    }

    /**
     * Another replica approving knows nothing of the ServeStaticInvoice but its row: the stored
     * reply path is swapped for another path of the recipient's, and the confirmation must arrive
     * over that one.
     */
    @Test
    void theConfirmationGoesOutOnTheReplyPathStoredInTheDatabase() throws Exception {
        Registration registration = harness.register(null);
        try (ReferenceRecipient recipient = harness.recipient(PrivateKey.random())) {
            Handover handover = harness.handOver(recipient, registration, 1, QUIET);
            assertThat(handover.confirmed()).isFalse();
            long id = pendingInvoiceId(registration);
            assertThat(storedReplyPath(id)).isNotNull();
            byte[] replicaPath = StoredPaths.encode(recipient.pathThrough(List.of(), "stored-reply-path"));
            assertThat(jdbc.update("update sis.static_invoice set reply_path = ? where id = ?", replicaPath, id))
                    .isEqualTo(1);

            mvc.perform(post("/api/v1/invoices/{id}/approve", id).with(operator()))
                    .andExpect(status().isOk());

            ReceivedMessage confirmation = recipient.await(OnionMessageType.STATIC_INVOICE_PERSISTED, TIMEOUT);
            assertThat(pathIdOf(confirmation)).isEqualTo("stored-reply-path");
        }
    }

    /** The recipient's only PENDING invoice, found over REST as an operator would find it. */
    private long pendingInvoiceId(Registration registration) throws Exception {
        String page = mvc.perform(get("/api/v1/invoices").with(operator())
                        .param("recipient", Hex.encode(registration.recipient().getRecipientId()))
                        .param("status", "PENDING"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalItems").value(1))
                .andReturn().getResponse().getContentAsString();
        return JsonPath.<Number>read(page, "$.items[0].id").longValue();
    }

    private byte[] storedReplyPath(long invoiceId) {
        return jdbc.queryForObject("select reply_path from sis.static_invoice where id = ?", byte[].class, invoiceId);
    }

    private long dropped(String reason) {
        return stats.lastHour().getOrDefault("dropped." + reason, 0L);
    }

    private static String pathIdOf(ReceivedMessage message) {
        return new String(message.pathId().orElseThrow(), StandardCharsets.UTF_8);
    }
}
