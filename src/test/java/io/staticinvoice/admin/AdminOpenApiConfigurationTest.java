package io.staticinvoice.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.staticinvoice.support.IntegrationTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every admin controller mapping is in {@code /v3/api-docs} with a summary, its responses and examples. */
@IntegrationTest
class AdminOpenApiConfigurationTest {

    @Autowired WebApplicationContext context;

    private final JsonMapper json = JsonMapper.builder().build();
    private MockMvc mvc;
    private JsonNode docs;

    @BeforeEach
    void setUp() throws Exception {
        mvc = AdminTestData.mockMvc(context);
        docs = json.readTree(mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
    }

    @Test
    void everyControllerMappingIsDocumentedWithItsResponses() {
        List<String> problems = new ArrayList<>();
        for (AdminEndpoints endpoint : AdminEndpoints.all(context)) {
            JsonNode operation = docs.path("paths").path(endpoint.pattern())
                    .path(endpoint.method().name().toLowerCase(Locale.ROOT));
            if (operation.isMissingNode()) {
                problems.add(endpoint + ": not documented");
                continue;
            }
            if (operation.path("summary").asString("").isBlank()) {
                problems.add(endpoint + ": no summary");
            }
            operation.path("parameters").forEach(parameter -> {
                if (parameter.path("description").asString("").isBlank()) {
                    problems.add(endpoint + ": parameter " + parameter.path("name").asString() + " undescribed");
                }
            });
            JsonNode responses = operation.path("responses");
            if (responses.propertyNames().stream().noneMatch(code -> code.startsWith("2"))) {
                problems.add(endpoint + ": no success response");
            }
            for (ProblemType expected : expectedProblems(endpoint)) {
                JsonNode response = responses.path(String.valueOf(expected.status().value()));
                JsonNode examples = response.path("content").path(MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                        .path("examples").path(expected.slug());
                if (!examples.path("value").path("type").asString("").equals(expected.type().toString())) {
                    problems.add(endpoint + ": no " + expected.status().value() + " " + expected.slug() + " example");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** Swagger UI's "Try it out" fills a parameter's example in as its value: an optional filter must have none. */
    @Test
    void optionalParametersCarryNoExampleTheUiWouldSubmit() {
        List<String> filled = new ArrayList<>();
        int optional = 0;
        for (var path : docs.path("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                for (JsonNode parameter : operation.getValue().path("parameters")) {
                    if (parameter.path("required").asBoolean(false)) {
                        continue;
                    }
                    optional++;
                    if (parameter.has("example") || parameter.has("examples") || parameter.path("schema").has("example")) {
                        filled.add(operation.getKey() + " " + path.getKey() + " " + parameter.path("name").asString());
                    }
                }
            }
        }
        assertThat(optional).as("optional parameters in the document").isPositive();
        assertThat(filled).as("optional parameters with an example").isEmpty();
    }

    @Test
    void theUiCanAuthenticateWithABearerApiKey() throws Exception {
        JsonNode scheme = docs.path("components").path("securitySchemes").path(AdminOpenApiConfiguration.SECURITY_SCHEME);
        assertThat(scheme.path("type").asString()).isEqualTo("http");
        assertThat(scheme.path("scheme").asString()).isEqualTo("bearer");
        assertThat(docs.path("security").get(0).has(AdminOpenApiConfiguration.SECURITY_SCHEME)).isTrue();

        mvc.perform(get("/swagger-ui.html")).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/swagger-ui/index.html"));
        mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk());
        String config = mvc.perform(get("/v3/api-docs/swagger-config")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(json.readTree(config).path("url").asString()).isEqualTo("/v3/api-docs");
    }

    @Test
    void schemasCarryExamples() {
        JsonNode schemas = docs.path("components").path("schemas");
        for (String schema : List.of("RecipientResponse", "InvoiceResponse", "RegistrationResponse",
                "RegisterRecipientRequest", "UpdateRecipientRequest", "RevokeInvoiceRequest", "AuditEventResponse",
                "MeterHistoryResponse", "MeterSample", "CallerResponse")) {
            JsonNode properties = schemas.path(schema).path("properties");
            assertThat(properties.isEmpty()).as(schema).isFalse();
            properties.properties().forEach(property -> {
                JsonNode value = property.getValue();
                boolean hasExample = value.has("example") || value.has("$ref") || value.has("allOf")
                        || value.path("items").has("$ref");
                assertThat(hasExample).as(schema + "." + property.getKey()).isTrue();
            });
        }
        assertThat(schemas.path(AdminOpenApiConfiguration.PROBLEM_SCHEMA).path("properties").has("type")).isTrue();
    }

    /** The problems the operation must document: its declared ones, 401 and 429 always, 403 and 413 when it changes something. */
    private static Set<ProblemType> expectedProblems(AdminEndpoints endpoint) {
        Set<ProblemType> expected = new HashSet<>();
        ProblemResponses declared = endpoint.handler().getMethodAnnotation(ProblemResponses.class);
        if (declared != null) {
            expected.addAll(List.of(declared.value()));
        }
        expected.add(ProblemType.UNAUTHORIZED);
        expected.add(ProblemType.RATE_LIMITED);
        if (!endpoint.isRead()) {
            expected.add(ProblemType.FORBIDDEN);
            expected.add(ProblemType.PAYLOAD_TOO_LARGE);
        }
        return expected;
    }
}
