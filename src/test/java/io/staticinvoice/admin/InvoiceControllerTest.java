package io.staticinvoice.admin;

import static io.staticinvoice.admin.TestApiKeys.operator;
import static io.staticinvoice.admin.TestApiKeys.viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.server.InvoiceService.ConfirmationDue;
import io.staticinvoice.store.AuditEventRepository;
import io.staticinvoice.store.AuditKind;
import io.staticinvoice.store.InvoiceStatus;
import io.staticinvoice.store.Recipient;
import io.staticinvoice.store.StoredInvoice;
import io.staticinvoice.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

@IntegrationTest
@RecordApplicationEvents
class InvoiceControllerTest {

    @Autowired WebApplicationContext context;
    @Autowired AuditEventRepository audit;
    @Autowired ApplicationEvents events;

    private MockMvc mvc;
    private AdminTestData data;
    private Recipient recipient;
    private String recipientHex;

    @BeforeEach
    void setUp() {
        mvc = AdminTestData.mockMvc(context);
        data = new AdminTestData(context);
        recipient = data.recipient(AdminTestData.uniqueLabel("invoices"));
        recipientHex = Hex.encode(recipient.getRecipientId());
    }

    @Test
    void listFiltersByRecipientStatusAndExpiry() throws Exception {
        Instant soon = AdminTestData.now().plus(Duration.ofDays(2));
        StoredInvoice active = data.invoice(recipient, 0, InvoiceStatus.ACTIVE);
        StoredInvoice superseded = data.invoice(recipient, 1, InvoiceStatus.SUPERSEDED, soon);
        StoredInvoice pending = data.invoice(recipient, 1, InvoiceStatus.PENDING, soon);
        data.invoice(data.recipient(AdminTestData.uniqueLabel("other")), 0, InvoiceStatus.ACTIVE);

        mvc.perform(get("/api/v1/invoices").with(viewer()).param("recipient", recipientHex))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalItems").value(3))
                .andExpect(jsonPath("$.items[*].id").value(contains(
                        pending.getId().intValue(), superseded.getId().intValue(), active.getId().intValue())))
                .andExpect(jsonPath("$.items[0].recipientId").value(recipientHex));
        mvc.perform(get("/api/v1/invoices").with(viewer()).param("recipient", recipientHex)
                        .param("status", "PENDING"))
                .andExpect(jsonPath("$.totalItems").value(1))
                .andExpect(jsonPath("$.items[0].id").value(pending.getId()))
                .andExpect(jsonPath("$.items[0].slot").value(1));
        mvc.perform(get("/api/v1/invoices").with(viewer()).param("recipient", recipientHex)
                        .param("expiringBefore", soon.plusSeconds(1).toString()).param("sort", "id,asc"))
                .andExpect(jsonPath("$.items[*].id").value(contains(
                        superseded.getId().intValue(), pending.getId().intValue())));
        mvc.perform(get("/api/v1/invoices").with(viewer()).param("recipient", recipientHex)
                        .param("sort", "slot,asc").param("size", "1").param("page", "2"))
                .andExpect(jsonPath("$.totalPages").value(3))
                .andExpect(jsonPath("$.items[0].id").value(pending.getId()));
    }

    @Test
    void listShowsServingCountsAndSortsByThem() throws Exception {
        StoredInvoice often = data.invoice(recipient, 0, InvoiceStatus.ACTIVE);
        StoredInvoice once = data.invoice(recipient, 1, InvoiceStatus.ACTIVE);
        Instant at = AdminTestData.now();
        data.served(often, at.minusSeconds(5));
        data.served(often, at);
        data.served(once, at.minusSeconds(60));

        mvc.perform(get("/api/v1/invoices").with(viewer()).param("recipient", recipientHex)
                        .param("sort", "timesServed,desc"))
                .andExpect(jsonPath("$.items[0].id").value(often.getId()))
                .andExpect(jsonPath("$.items[0].timesServed").value(2))
                .andExpect(jsonPath("$.items[0].lastServedAt").value(at.toString()))
                .andExpect(jsonPath("$.items[1].timesServed").value(1));
    }

    @Test
    void listValidatesItsParameters() throws Exception {
        mvc.perform(get("/api/v1/invoices").with(viewer()).param("status", "LOST"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("status"));
        mvc.perform(get("/api/v1/invoices").with(viewer()).param("expiringBefore", "tomorrow"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value(containsString("ISO-8601")));
        mvc.perform(get("/api/v1/invoices").with(viewer()).param("recipient", "zz").param("sort", "amount"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors", hasSize(2)));
        mvc.perform(get("/api/v1/invoices").with(viewer())
                        .param("recipient", Hex.encode(AdminTestData.randomBytes(32))))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value(ProblemType.NOT_FOUND.type().toString()));
    }

    @Test
    void detailDecodesTheInvoice() throws Exception {
        StoredInvoice active = data.invoice(recipient, 0, InvoiceStatus.ACTIVE);
        data.served(active, AdminTestData.now());
        mvc.perform(get("/api/v1/invoices/{id}", active.getId()).with(viewer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(active.getId()))
                .andExpect(jsonPath("$.recipientId").value(recipientHex))
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.timesServed").value(1))
                .andExpect(jsonPath("$.invoiceHex").value(Hex.encode(AdminTestData.LDK_STATIC_INVOICE)))
                .andExpect(jsonPath("$.decodeError").value(nullValue()))
                .andExpect(jsonPath("$.decoded.offerId")
                        .value("4d77cc0c1e8ac875fbe82d66f59733e84207d2e977151449879657974b9c539f"))
                .andExpect(jsonPath("$.decoded.signingPubkey")
                        .value("02bf47c93d55d8856316654c13e8b7054544006193007c31624c07133da2e6b35a"))
                .andExpect(jsonPath("$.decoded.signatureValid").value(true))
                .andExpect(jsonPath("$.decoded.amount").value(nullValue()))
                .andExpect(jsonPath("$.decoded.description").value(nullValue()))
                .andExpect(jsonPath("$.decoded.issuer").value(nullValue()))
                .andExpect(jsonPath("$.decoded.quantityMax").value(nullValue()))
                .andExpect(jsonPath("$.decoded.offerFeatures.hex").value(""))
                .andExpect(jsonPath("$.decoded.invoiceFeatures.hex").value("020000"))
                .andExpect(jsonPath("$.decoded.invoiceFeatures.bits").value(contains(17)))
                .andExpect(jsonPath("$.decoded.createdAt").value("2026-11-24T01:13:17Z"))
                .andExpect(jsonPath("$.decoded.relativeExpirySeconds").value(31_535_999))
                .andExpect(jsonPath("$.decoded.expiresAt").value("2027-11-24T01:13:16Z"))
                .andExpect(jsonPath("$.decoded.offerExpiresAt").value("2027-11-24T01:13:17Z"))
                .andExpect(jsonPath("$.decoded.paymentPaths", hasSize(1)))
                .andExpect(jsonPath("$.decoded.paymentPaths[0].introductionNode.nodeId")
                        .value("02888f2e3df341d21240f769afd83938fdc1878356769aae64141880d810c61dce"))
                .andExpect(jsonPath("$.decoded.paymentPaths[0].introductionNode.shortChannelId").value(nullValue()))
                .andExpect(jsonPath("$.decoded.paymentPaths[0].hops").value(1))
                .andExpect(jsonPath("$.decoded.paymentPaths[0].feeBaseMsat").value(0))
                .andExpect(jsonPath("$.decoded.paymentPaths[0].feeProportionalMillionths").value(0))
                .andExpect(jsonPath("$.decoded.paymentPaths[0].cltvExpiryDelta").value(42))
                .andExpect(jsonPath("$.decoded.paymentPaths[0].htlcMinimumMsat").value(1))
                .andExpect(jsonPath("$.decoded.paymentPaths[0].htlcMaximumMsat").value(2_100_000_000_000_000_000L))
                .andExpect(jsonPath("$.decoded.messagePaths").value(1))
                .andExpect(jsonPath("$.decoded.offer").value(AdminTestData.LDK_OFFER));
    }

    @Test
    void detailReportsBytesThatDoNotDecode() throws Exception {
        StoredInvoice broken = data.invoice(recipient, 0, InvoiceStatus.ACTIVE,
                AdminTestData.now().plus(Duration.ofDays(1)), null, new byte[] {1, 2, 3});
        mvc.perform(get("/api/v1/invoices/{id}", broken.getId()).with(viewer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.invoiceHex").value("010203"))
                .andExpect(jsonPath("$.decoded").value(nullValue()))
                .andExpect(jsonPath("$.decodeError").isNotEmpty());
        mvc.perform(get("/api/v1/invoices/{id}", Long.MAX_VALUE).with(viewer()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value(ProblemType.NOT_FOUND.type().toString()));
    }

    @Test
    void approveMakesAPendingInvoiceActiveOnceAndSendsItsConfirmation() throws Exception {
        byte[] replyPath = AdminTestData.randomBytes(120);
        StoredInvoice pending = data.invoice(recipient, 0, InvoiceStatus.PENDING,
                AdminTestData.now().plus(Duration.ofDays(14)), replyPath);

        mvc.perform(post("/api/v1/invoices/{id}/approve", pending.getId()).with(operator()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(pending.getId()))
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.approvedAt").isNotEmpty());
        mvc.perform(post("/api/v1/invoices/{id}/approve", pending.getId()).with(operator()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ACTIVE"));

        assertThat(events.stream(ConfirmationDue.class)).singleElement().satisfies(due -> {
            assertThat(due.invoiceId()).isEqualTo(pending.getId());
            assertThat(due.replyPath()).isEqualTo(replyPath);
        });
        mvc.perform(get("/api/v1/invoices/{id}/history", pending.getId()).with(viewer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(2)))
                .andExpect(jsonPath("$[0].fromStatus").value(nullValue()))
                .andExpect(jsonPath("$[0].toStatus").value("PENDING"))
                .andExpect(jsonPath("$[0].actor").value("protocol"))
                .andExpect(jsonPath("$[1].fromStatus").value("PENDING"))
                .andExpect(jsonPath("$[1].toStatus").value("ACTIVE"))
                .andExpect(jsonPath("$[1].actor").value(TestApiKeys.OPERATOR_NAME));
        assertThat(audit.findAll((root, query, cb) -> cb.equal(root.get("invoiceId"), pending.getId())))
                .filteredOn(event -> event.getKind() == AuditKind.INVOICE_APPROVED)
                .singleElement().satisfies(event -> assertThat(event.getActor()).isEqualTo(TestApiKeys.OPERATOR_NAME));
    }

    @Test
    void approvingAnInvoiceThatIsNoLongerPendingIsAConflict() throws Exception {
        StoredInvoice revoked = data.invoice(recipient, 0, InvoiceStatus.REVOKED);
        mvc.perform(post("/api/v1/invoices/{id}/approve", revoked.getId()).with(operator()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value(ProblemType.INVALID_TRANSITION.type().toString()))
                .andExpect(jsonPath("$.currentStatus").value("REVOKED"))
                .andExpect(jsonPath("$.detail").value(containsString("REVOKED")));
        StoredInvoice superseded = data.invoice(recipient, 1, InvoiceStatus.SUPERSEDED);
        mvc.perform(post("/api/v1/invoices/{id}/approve", superseded.getId()).with(operator()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.currentStatus").value("SUPERSEDED"));
    }

    @Test
    void revokeStopsServingWithAReasonAndIsIdempotent() throws Exception {
        StoredInvoice active = data.invoice(recipient, 0, InvoiceStatus.ACTIVE);
        mvc.perform(post("/api/v1/invoices/{id}/revoke", active.getId()).with(operator())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"wallet reported lost\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("REVOKED"))
                .andExpect(jsonPath("$.revokeReason").value("wallet reported lost"))
                .andExpect(jsonPath("$.revokedAt").isNotEmpty());
        mvc.perform(post("/api/v1/invoices/{id}/revoke", active.getId()).with(operator())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"again\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.revokeReason").value("wallet reported lost"));

        mvc.perform(get("/api/v1/invoices/{id}/history", active.getId()).with(viewer()))
                .andExpect(jsonPath("$", hasSize(2)))
                .andExpect(jsonPath("$[1].toStatus").value("REVOKED"))
                .andExpect(jsonPath("$[1].reason").value("wallet reported lost"))
                .andExpect(jsonPath("$[1].actor").value(TestApiKeys.OPERATOR_NAME));
        assertThat(audit.findAll((root, query, cb) -> cb.equal(root.get("invoiceId"), active.getId())))
                .filteredOn(event -> event.getKind() == AuditKind.INVOICE_REVOKED)
                .singleElement().satisfies(event -> {
                    assertThat(event.getActor()).isEqualTo(TestApiKeys.OPERATOR_NAME);
                    assertThat(event.getDetail()).contains("wallet reported lost");
                });
    }

    @Test
    void revokingAnExpiredInvoiceIsAConflict() throws Exception {
        StoredInvoice expired = data.invoice(recipient, 0, InvoiceStatus.EXPIRED);
        mvc.perform(post("/api/v1/invoices/{id}/revoke", expired.getId()).with(operator())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"cleanup\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value(ProblemType.INVALID_TRANSITION.type().toString()))
                .andExpect(jsonPath("$.currentStatus").value("EXPIRED"));
    }

    @Test
    void revokeNeedsAReason() throws Exception {
        StoredInvoice active = data.invoice(recipient, 0, InvoiceStatus.ACTIVE);
        for (String body : new String[] {"{}", "{\"reason\":\"  \"}", "{\"reason\":\"" + "x".repeat(501) + "\"}"}) {
            mvc.perform(post("/api/v1/invoices/{id}/revoke", active.getId()).with(operator())
                            .contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("reason"));
        }
        mvc.perform(post("/api/v1/invoices/{id}/revoke", active.getId()).with(operator()))
                .andExpect(status().isUnsupportedMediaType());
        mvc.perform(post("/api/v1/invoices/{id}/revoke", active.getId()).with(operator())
                        .contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("body"));
    }

    @Test
    void unknownAndMalformedInvoiceIds() throws Exception {
        long unknown = Long.MAX_VALUE;
        mvc.perform(get("/api/v1/invoices/{id}/history", unknown).with(viewer()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("invoice " + unknown + " not found"));
        mvc.perform(post("/api/v1/invoices/{id}/approve", unknown).with(operator()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/invoices/{id}/revoke", unknown).with(operator())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"x\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/invoices/{id}/approve", "0").with(operator()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("id"));
        mvc.perform(get("/api/v1/invoices/{id}/history", "forty-two").with(viewer()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("id"));
    }
}
