package io.staticinvoice.admin;

import static io.staticinvoice.admin.TestApiKeys.operator;
import static io.staticinvoice.admin.TestApiKeys.viewer;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.store.AuditEvent;
import io.staticinvoice.store.AuditEventRepository;
import io.staticinvoice.store.AuditKind;
import io.staticinvoice.store.Recipient;
import io.staticinvoice.support.IntegrationTest;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

@IntegrationTest
class AuditControllerTest {

    private static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");

    @Autowired WebApplicationContext context;
    @Autowired AuditEventRepository audit;

    private MockMvc mvc;
    private AdminTestData data;

    @BeforeEach
    void setUp() {
        mvc = AdminTestData.mockMvc(context);
        data = new AdminTestData(context);
    }

    @Test
    void everyChangeThroughTheApiIsAuditedWithTheKeyName() throws Exception {
        String id = Hex.encode(AdminTestData.randomBytes(32));
        mvc.perform(post("/api/v1/recipients").with(operator()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"recipientId\":\"" + id + "\"}")).andExpect(status().isCreated());
        mvc.perform(patch("/api/v1/recipients/{id}", id).with(operator()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"label\":\"audited\"}")).andExpect(status().isOk());
        mvc.perform(post("/api/v1/recipients/{id}/revoke", id).with(operator())).andExpect(status().isOk());

        mvc.perform(get("/api/v1/audit").with(viewer()).param("recipient", id).param("sort", "id,asc"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].kind").value(contains("RECIPIENT_REGISTERED", "PATHS_ISSUED",
                        "RECIPIENT_UPDATED", "RECIPIENT_REVOKED")))
                .andExpect(jsonPath("$.items[*].actor").value(everyItem(is(
                        TestApiKeys.OPERATOR_NAME))))
                .andExpect(jsonPath("$.items[*].recipientId").value(everyItem(is(id))));
        mvc.perform(get("/api/v1/audit").with(viewer()).param("recipient", id).param("kind", "RECIPIENT_UPDATED"))
                .andExpect(jsonPath("$.totalItems").value(1))
                .andExpect(jsonPath("$.items[0].detail").value(containsString("audited")));
    }

    @Test
    void filtersByTimeRangeAndPagesNewestFirst() throws Exception {
        Recipient recipient = data.recipient(AdminTestData.uniqueLabel("audit"));
        for (int hour = 0; hour < 5; hour++) {
            audit.save(new AuditEvent(AuditKind.INVOICE_SERVED, "protocol", recipient.getId(), null,
                    "hour " + hour, T0.plusSeconds(3600L * hour)));
        }
        String id = Hex.encode(recipient.getRecipientId());

        mvc.perform(get("/api/v1/audit").with(viewer()).param("recipient", id)
                        .param("from", T0.plusSeconds(3600).toString()).param("to", T0.plusSeconds(4 * 3600).toString()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalItems").value(3))
                .andExpect(jsonPath("$.items[*].detail").value(contains("hour 3", "hour 2", "hour 1")))
                .andExpect(jsonPath("$.items[0].occurredAt").value("2020-01-01T03:00:00Z"))
                .andExpect(jsonPath("$.items[0].kind").value("INVOICE_SERVED"))
                .andExpect(jsonPath("$.items[0].invoiceId").value(nullValue()));
        mvc.perform(get("/api/v1/audit").with(viewer()).param("recipient", id).param("kind", "INVOICE_SERVED")
                        .param("sort", "occurredAt,asc").param("size", "2").param("page", "1"))
                .andExpect(jsonPath("$.totalPages").value(3))
                .andExpect(jsonPath("$.items[*].detail").value(contains("hour 2", "hour 3")));
        mvc.perform(get("/api/v1/audit").with(viewer()).param("to", T0.plusSeconds(1).toString()).param("size", "500"))
                .andExpect(jsonPath("$.items[*].detail").value(hasItems("hour 0")));
    }

    @Test
    void filtersByActor() throws Exception {
        Recipient recipient = data.recipient(AdminTestData.uniqueLabel("audit-actor"));
        audit.save(new AuditEvent(AuditKind.INVOICE_APPROVED, "ops-alice", recipient.getId(), null, null, T0));
        audit.save(new AuditEvent(AuditKind.INVOICE_REVOKED, "ops-bob", recipient.getId(), null, "lost", T0));
        String id = Hex.encode(recipient.getRecipientId());

        mvc.perform(get("/api/v1/audit").with(viewer()).param("recipient", id).param("actor", "ops-bob"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalItems").value(1))
                .andExpect(jsonPath("$.items[0].kind").value("INVOICE_REVOKED"))
                .andExpect(jsonPath("$.items[0].actor").value("ops-bob"));
        mvc.perform(get("/api/v1/audit").with(viewer()).param("actor", "ops bob"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("actor"));
    }

    @Test
    void validatesItsParameters() throws Exception {
        mvc.perform(get("/api/v1/audit").with(viewer()).param("from", T0.toString()).param("to", T0.toString()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("from must be before to"));
        mvc.perform(get("/api/v1/audit").with(viewer()).param("kind", "COFFEE_BREWED"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("kind"));
        mvc.perform(get("/api/v1/audit").with(viewer()).param("sort", "actor"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("sort"));
        mvc.perform(get("/api/v1/audit").with(viewer()).param("recipient", Hex.encode(AdminTestData.randomBytes(8))))
                .andExpect(status().isNotFound());
    }
}
