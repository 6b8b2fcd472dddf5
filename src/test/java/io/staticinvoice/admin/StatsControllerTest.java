package io.staticinvoice.admin;

import static io.staticinvoice.admin.TestApiKeys.viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.staticinvoice.server.RequestStats;
import io.staticinvoice.store.InvoiceStatus;
import io.staticinvoice.store.Recipient;
import io.staticinvoice.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class StatsControllerTest {

    @Autowired WebApplicationContext context;
    @Autowired RequestStats requests;

    private final JsonMapper json = JsonMapper.builder().build();
    private MockMvc mvc;
    private AdminTestData data;

    @BeforeEach
    void setUp() {
        mvc = AdminTestData.mockMvc(context);
        data = new AdminTestData(context);
    }

    @Test
    void countsInvoicesAndRecipientsByStatus() throws Exception {
        JsonNode before = stats();
        Recipient recipient = data.recipient(AdminTestData.uniqueLabel("stats"));
        data.invoice(recipient, 0, InvoiceStatus.PENDING);
        data.invoice(recipient, 1, InvoiceStatus.ACTIVE);
        data.invoice(recipient, 2, InvoiceStatus.ACTIVE);
        data.invoice(recipient, 3, InvoiceStatus.EXPIRED);
        JsonNode after = stats();

        assertThat(delta(before, after, "invoicesByStatus", "PENDING")).isEqualTo(1);
        assertThat(delta(before, after, "invoicesByStatus", "ACTIVE")).isEqualTo(2);
        assertThat(delta(before, after, "invoicesByStatus", "EXPIRED")).isEqualTo(1);
        assertThat(delta(before, after, "invoicesByStatus", "REVOKED")).isZero();
        assertThat(delta(before, after, "invoicesByStatus", "SUPERSEDED")).isZero();
        assertThat(delta(before, after, "recipientsByStatus", "ACTIVE")).isEqualTo(1);
        assertThat(after.get("recipientsByStatus").has("REVOKED")).isTrue();
    }

    @Test
    void showsRequestsServedAndDroppedByReasonOverTheLastHour() throws Exception {
        JsonNode before = stats().get("requestsLastHour");
        for (int i = 0; i < 3; i++) {
            requests.record("served");
        }
        requests.record("dropped.no_reply_path");
        requests.record("dropped.no_reply_path");
        requests.record("dropped.admin_test_reason");
        requests.record("admin_test_outcome");
        JsonNode after = stats().get("requestsLastHour");

        assertThat(after.get("served").asLong() - before.get("served").asLong()).isEqualTo(3);
        assertThat(after.get("dropped").asLong() - before.get("dropped").asLong()).isEqualTo(3);
        assertThat(after.get("droppedByReason").get("no_reply_path").asLong()
                - before.get("droppedByReason").path("no_reply_path").asLong(0)).isEqualTo(2);
        assertThat(after.get("droppedByReason").get("admin_test_reason").asLong()
                - before.get("droppedByReason").path("admin_test_reason").asLong(0)).isEqualTo(1);
        assertThat(after.get("otherOutcomes").get("admin_test_outcome").asLong()
                - before.get("otherOutcomes").path("admin_test_outcome").asLong(0)).isEqualTo(1);
    }

    private JsonNode stats() throws Exception {
        return json.readTree(mvc.perform(get("/api/v1/stats").with(viewer()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private static long delta(JsonNode before, JsonNode after, String map, String key) {
        return after.get(map).get(key).asLong() - before.get(map).get(key).asLong();
    }
}
