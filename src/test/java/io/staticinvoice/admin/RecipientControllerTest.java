package io.staticinvoice.admin;

import static io.staticinvoice.admin.TestApiKeys.operator;
import static io.staticinvoice.admin.TestApiKeys.viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.store.AuditEvent;
import io.staticinvoice.store.AuditEventRepository;
import io.staticinvoice.store.AuditKind;
import io.staticinvoice.store.InvoiceStatus;
import io.staticinvoice.store.Recipient;
import io.staticinvoice.store.RecipientRepository;
import io.staticinvoice.store.StoredInvoice;
import io.staticinvoice.store.StoredInvoiceRepository;
import io.staticinvoice.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class RecipientControllerTest {

    private static final String HEX = "^[0-9a-f]+$";

    @Autowired WebApplicationContext context;
    @Autowired RecipientRepository recipients;
    @Autowired StoredInvoiceRepository invoices;
    @Autowired AuditEventRepository audit;

    private final JsonMapper json = JsonMapper.builder().build();
    private MockMvc mvc;
    private AdminTestData data;

    @BeforeEach
    void setUp() {
        mvc = AdminTestData.mockMvc(context);
        data = new AdminTestData(context);
    }

    @Test
    void registerReturnsTheServerPathsToConfigureTheWalletWith() throws Exception {
        String label = AdminTestData.uniqueLabel("phone");
        Instant before = Instant.now();
        MvcResult result = mvc.perform(post("/api/v1/recipients").with(operator())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"label\":\"" + label + "\",\"maxSlots\":3,\"pathsRelativeExpirySeconds\":86400}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.recipientId").value(matchesPattern("^[0-9a-f]{64}$")))
                .andExpect(jsonPath("$.serverPaths").value(matchesPattern(HEX)))
                .andExpect(jsonPath("$.recipient.label").value(label))
                .andExpect(jsonPath("$.recipient.maxSlots").value(3))
                .andExpect(jsonPath("$.recipient.status").value("ACTIVE"))
                .andExpect(jsonPath("$.recipient.pathsRelativeExpirySeconds").value(86400))
                .andReturn();
        JsonNode body = json.readTree(result.getResponse().getContentAsString());
        String recipientId = body.get("recipientId").asString();
        assertThat(result.getResponse().getHeader("Location")).isEqualTo("/api/v1/recipients/" + recipientId);
        Instant expiry = Instant.parse(body.get("pathsExpireAt").asString());
        assertThat(expiry).isBetween(before.plus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(1)));

        Recipient stored = recipients.findByRecipientId(Hex.decode(recipientId)).orElseThrow();
        assertThat(stored.getLabel()).isEqualTo(label);
        assertThat(auditOf(stored)).extracting(AuditEvent::getKind, AuditEvent::getActor)
                .contains(tuple(AuditKind.RECIPIENT_REGISTERED, TestApiKeys.OPERATOR_NAME),
                        tuple(AuditKind.PATHS_ISSUED, TestApiKeys.OPERATOR_NAME));
    }

    @Test
    void registerTakesAGivenIdOrMakesOneUp() throws Exception {
        mvc.perform(post("/api/v1/recipients").with(operator()).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.recipientId").value(matchesPattern("^[0-9a-f]{64}$")))
                .andExpect(jsonPath("$.recipient.label").value(nullValue()));

        String id = Hex.encode(AdminTestData.randomBytes(16));
        mvc.perform(post("/api/v1/recipients").with(operator()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"recipientId\":\"" + id.toUpperCase() + "\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.recipientId").value(id));
        mvc.perform(post("/api/v1/recipients").with(operator()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"recipientId\":\"" + id + "\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value(ProblemType.RECIPIENT_EXISTS.type().toString()))
                .andExpect(jsonPath("$.detail").value(containsString(id)));
    }

    @Test
    void registerValidatesEveryField() throws Exception {
        mvc.perform(post("/api/v1/recipients").with(operator()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"recipientId\":\"abc\",\"label\":\"\",\"maxSlots\":0,"
                                + "\"pathsRelativeExpirySeconds\":1}"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE))
                .andExpect(jsonPath("$.type").value(ProblemType.VALIDATION_FAILED.type().toString()))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.instance").value("/api/v1/recipients"))
                .andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder(
                        "recipientId", "label", "maxSlots", "pathsRelativeExpirySeconds")));
    }

    @Test
    void registerRejectsMalformedAndUnknownJson() throws Exception {
        mvc.perform(post("/api/v1/recipients").with(operator()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"maxSlots\":\"many\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(ProblemType.VALIDATION_FAILED.type().toString()))
                .andExpect(jsonPath("$.errors[0].field").value("maxSlots"));
        mvc.perform(post("/api/v1/recipients").with(operator()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"maxslots\":2}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value(containsString("maxslots")));
        mvc.perform(post("/api/v1/recipients").with(operator()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"label\":"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(ProblemType.VALIDATION_FAILED.type().toString()));
    }

    @Test
    void listFiltersByStatusAndLabelAndPages() throws Exception {
        String label = AdminTestData.uniqueLabel("fleet");
        Recipient a = data.recipient(label + "-a");
        data.recipient(label + "-b");
        Recipient c = data.recipient(label.toUpperCase() + "-c");
        mvc.perform(post("/api/v1/recipients/{id}/revoke", Hex.encode(c.getRecipientId())).with(operator()))
                .andExpect(status().isOk());

        mvc.perform(get("/api/v1/recipients").with(viewer()).param("label", label)
                        .param("sort", "label,asc").param("size", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalItems").value(3))
                .andExpect(jsonPath("$.totalPages").value(2))
                .andExpect(jsonPath("$.page").value(0))
                .andExpect(jsonPath("$.size").value(2))
                .andExpect(jsonPath("$.items[*].label").value(contains(
                        label.toUpperCase() + "-c", label + "-a")));
        mvc.perform(get("/api/v1/recipients").with(viewer()).param("label", label)
                        .param("sort", "label,asc").param("size", "2").param("page", "1"))
                .andExpect(jsonPath("$.items[*].label").value(contains(label + "-b")));
        mvc.perform(get("/api/v1/recipients").with(viewer()).param("label", label).param("status", "REVOKED"))
                .andExpect(jsonPath("$.totalItems").value(1))
                .andExpect(jsonPath("$.items[0].recipientId").value(Hex.encode(c.getRecipientId())))
                .andExpect(jsonPath("$.items[0].revokedAt").value(matchesPattern(".+Z$")));
        mvc.perform(get("/api/v1/recipients").with(viewer()).param("label", label).param("status", "ACTIVE")
                        .param("sort", "createdAt,desc"))
                .andExpect(jsonPath("$.totalItems").value(2))
                .andExpect(jsonPath("$.items[1].recipientId").value(Hex.encode(a.getRecipientId())));
    }

    @Test
    void listLabelFilterMatchesLikeWildcardsLiterally() throws Exception {
        String label = AdminTestData.uniqueLabel("pct");
        data.recipient(label + "-100%");
        data.recipient(label + "-1000");
        mvc.perform(get("/api/v1/recipients").with(viewer()).param("label", label + "-100%"))
                .andExpect(jsonPath("$.totalItems").value(1));
        mvc.perform(get("/api/v1/recipients").with(viewer()).param("label", label + "-1_0"))
                .andExpect(jsonPath("$.totalItems").value(0));
    }

    @Test
    void listValidatesPagingSortingAndFilters() throws Exception {
        mvc.perform(get("/api/v1/recipients").with(viewer()).param("size", "0").param("page", "-1")
                        .param("sort", "recipientId"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(ProblemType.VALIDATION_FAILED.type().toString()))
                .andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("size", "page", "sort")));
        mvc.perform(get("/api/v1/recipients").with(viewer()).param("size", "501"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/recipients").with(viewer()).param("status", "SLEEPING"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("status"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("ACTIVE")));
    }

    @Test
    void getShowsSlotsWithOfferPathsAndCurrentInvoices() throws Exception {
        Recipient recipient = data.recipient(AdminTestData.uniqueLabel("slots"));
        Instant later = AdminTestData.now().plus(Duration.ofDays(300));
        data.offerPath(recipient, 0, later);
        data.offerPath(recipient, 0, later.minus(Duration.ofDays(1)));
        data.offerPath(recipient, 1, later);
        data.offerPath(recipient, 1, AdminTestData.now().minus(Duration.ofMinutes(1)));
        data.offerPath(recipient, 3, AdminTestData.now().minus(Duration.ofMinutes(1)));
        data.invoice(recipient, 0, InvoiceStatus.SUPERSEDED);
        StoredInvoice active = data.invoice(recipient, 0, InvoiceStatus.ACTIVE);
        StoredInvoice pending = data.invoice(recipient, 2, InvoiceStatus.PENDING);
        StoredInvoice waiting = data.invoice(recipient, 0, InvoiceStatus.PENDING);

        mvc.perform(get("/api/v1/recipients/{id}", Hex.encode(recipient.getRecipientId())).with(viewer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.recipientId").value(Hex.encode(recipient.getRecipientId())))
                .andExpect(jsonPath("$.label").value(recipient.getLabel()))
                .andExpect(jsonPath("$.slots", hasSize(3)))
                .andExpect(jsonPath("$.slots[0].slot").value(0))
                .andExpect(jsonPath("$.slots[0].offerPaths").value(2))
                .andExpect(jsonPath("$.slots[0].offerPathsExpireAt").value(later.toString()))
                .andExpect(jsonPath("$.slots[0].activeInvoice.id").value(active.getId()))
                .andExpect(jsonPath("$.slots[0].activeInvoice.status").value("ACTIVE"))
                .andExpect(jsonPath("$.slots[0].pendingInvoice.id").value(waiting.getId()))
                .andExpect(jsonPath("$.slots[1].slot").value(1))
                .andExpect(jsonPath("$.slots[1].offerPaths").value(1))
                .andExpect(jsonPath("$.slots[1].activeInvoice").value(nullValue()))
                .andExpect(jsonPath("$.slots[1].pendingInvoice").value(nullValue()))
                .andExpect(jsonPath("$.slots[2].slot").value(2))
                .andExpect(jsonPath("$.slots[2].offerPaths").value(0))
                .andExpect(jsonPath("$.slots[2].activeInvoice").value(nullValue()))
                .andExpect(jsonPath("$.slots[2].pendingInvoice.id").value(pending.getId()))
                .andExpect(jsonPath("$.slots[2].pendingInvoice.recipientId")
                        .value(Hex.encode(recipient.getRecipientId())));
    }

    @Test
    void unknownAndMalformedRecipientIds() throws Exception {
        String unknown = Hex.encode(AdminTestData.randomBytes(32));
        mvc.perform(get("/api/v1/recipients/{id}", unknown).with(viewer()))
                .andExpect(status().isNotFound())
                .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE))
                .andExpect(jsonPath("$.type").value(ProblemType.NOT_FOUND.type().toString()))
                .andExpect(jsonPath("$.detail").value("recipient " + unknown + " not found"));
        for (String action : List.of("revoke", "paths")) {
            mvc.perform(post("/api/v1/recipients/{id}/" + action, unknown).with(operator()))
                    .andExpect(status().isNotFound());
        }
        mvc.perform(patch("/api/v1/recipients/{id}", unknown).with(operator())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"label\":\"x\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/recipients/{id}", "xyz").with(viewer()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("recipientId"));
        mvc.perform(get("/api/v1/recipients/{id}", "abc").with(viewer()))
                .andExpect(status().isBadRequest());
    }

    @Test
    void patchChangesOnlyTheFieldsGiven() throws Exception {
        Recipient recipient = data.recipient(AdminTestData.uniqueLabel("patch"));
        String id = Hex.encode(recipient.getRecipientId());
        mvc.perform(patch("/api/v1/recipients/{id}", id).with(operator()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"maxSlots\":8,\"requestRate\":{\"burst\":20,\"refillMillis\":250}}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.label").value(recipient.getLabel()))
                .andExpect(jsonPath("$.maxSlots").value(8))
                .andExpect(jsonPath("$.requestRate.burst").value(20))
                .andExpect(jsonPath("$.requestRate.refillMillis").value(250))
                .andExpect(jsonPath("$.storeRate").value(nullValue()));
        mvc.perform(patch("/api/v1/recipients/{id}", id).with(operator()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"label\":\"renamed\",\"storeRate\":{\"burst\":2,\"refillMillis\":1000}}"))
                .andExpect(status().isOk());

        mvc.perform(get("/api/v1/recipients/{id}", id).with(viewer()))
                .andExpect(jsonPath("$.label").value("renamed"))
                .andExpect(jsonPath("$.maxSlots").value(8))
                .andExpect(jsonPath("$.requestRate.burst").value(20))
                .andExpect(jsonPath("$.storeRate.refillMillis").value(1000));
        assertThat(auditOf(recipient)).filteredOn(e -> e.getKind() == AuditKind.RECIPIENT_UPDATED)
                .hasSize(2).allSatisfy(e -> assertThat(e.getActor()).isEqualTo(TestApiKeys.OPERATOR_NAME));
    }

    @Test
    void patchValidatesItsBody() throws Exception {
        String id = Hex.encode(data.recipient(AdminTestData.uniqueLabel("patch")).getRecipientId());
        mvc.perform(patch("/api/v1/recipients/{id}", id).with(operator()).contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value(containsString("at least one")));
        mvc.perform(patch("/api/v1/recipients/{id}", id).with(operator()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"maxSlots\":70000,\"requestRate\":{\"burst\":0,\"refillMillis\":10},"
                                + "\"storeRate\":{\"burst\":1}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder(
                        "maxSlots", "requestRate.burst", "storeRate.refillMillis")));
        mvc.perform(patch("/api/v1/recipients/{id}", id).with(operator()).contentType(MediaType.TEXT_PLAIN)
                        .content("label=x"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.type").value(ProblemType.UNSUPPORTED_MEDIA_TYPE.type().toString()));
    }

    @Test
    void revokeRevokesTheCurrentInvoicesOnceAndIsIdempotent() throws Exception {
        Recipient recipient = data.recipient(AdminTestData.uniqueLabel("revoke"));
        StoredInvoice active = data.invoice(recipient, 0, InvoiceStatus.ACTIVE);
        StoredInvoice pending = data.invoice(recipient, 1, InvoiceStatus.PENDING);
        StoredInvoice old = data.invoice(recipient, 2, InvoiceStatus.EXPIRED);
        String id = Hex.encode(recipient.getRecipientId());

        MvcResult first = mvc.perform(post("/api/v1/recipients/{id}/revoke", id).with(operator()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("REVOKED"))
                .andReturn();
        String revokedAt = json.readTree(first.getResponse().getContentAsString()).get("revokedAt").asString();
        mvc.perform(post("/api/v1/recipients/{id}/revoke", id).with(operator()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.revokedAt").value(revokedAt));

        assertThat(invoices.findAllById(List.of(active.getId(), pending.getId(), old.getId())))
                .extracting(StoredInvoice::getId, StoredInvoice::getStatus)
                .containsExactlyInAnyOrder(
                        tuple(active.getId(), InvoiceStatus.REVOKED),
                        tuple(pending.getId(), InvoiceStatus.REVOKED),
                        tuple(old.getId(), InvoiceStatus.EXPIRED));
        assertThat(auditOf(recipient)).filteredOn(e -> e.getKind() == AuditKind.RECIPIENT_REVOKED)
                .singleElement().extracting(AuditEvent::getActor).isEqualTo(TestApiKeys.OPERATOR_NAME);
        mvc.perform(get("/api/v1/recipients/{id}", id).with(viewer()))
                .andExpect(jsonPath("$.slots", hasSize(0)));
    }

    @Test
    void issuePathsGivesFreshPathsToActiveRecipientsOnly() throws Exception {
        MvcResult registered = mvc.perform(post("/api/v1/recipients").with(operator())
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isCreated()).andReturn();
        JsonNode body = json.readTree(registered.getResponse().getContentAsString());
        String id = body.get("recipientId").asString();

        mvc.perform(post("/api/v1/recipients/{id}/paths", id).with(operator()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.recipientId").value(id))
                .andExpect(jsonPath("$.serverPaths").value(matchesPattern(HEX)))
                .andExpect(jsonPath("$.serverPaths").value(not(
                        body.get("serverPaths").asString())));
        Recipient recipient = recipients.findByRecipientId(Hex.decode(id)).orElseThrow();
        assertThat(auditOf(recipient)).filteredOn(e -> e.getKind() == AuditKind.PATHS_ISSUED).hasSize(2)
                .allSatisfy(e -> assertThat(e.getActor()).isEqualTo(TestApiKeys.OPERATOR_NAME));

        mvc.perform(post("/api/v1/recipients/{id}/revoke", id).with(operator())).andExpect(status().isOk());
        mvc.perform(post("/api/v1/recipients/{id}/paths", id).with(operator()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value(ProblemType.STATE_CONFLICT.type().toString()))
                .andExpect(jsonPath("$.instance").value(endsWith("/paths")));
    }

    private List<AuditEvent> auditOf(Recipient recipient) {
        Long pk = recipients.findByRecipientId(recipient.getRecipientId()).orElseThrow().getId();
        return audit.findAll((root, query, cb) -> cb.equal(root.get("recipientId"), pk));
    }
}
