package io.staticinvoice.admin;

import static io.staticinvoice.admin.TestApiKeys.operator;
import static io.staticinvoice.admin.TestApiKeys.viewer;
import static io.staticinvoice.admin.TestApiKeys.withKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.staticinvoice.admin.RawHttp.Response;
import io.staticinvoice.support.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.WebApplicationContext;

/**
 * The 401/403 matrix of every admin endpoint for anonymous, VIEWER and OPERATOR callers, the open
 * paths, and the two servers over real HTTP: health, info and Prometheus open on the management
 * port and nothing else there, the actuator not served on the admin port.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class AdminSecurityTest {

    /** The management server's open endpoints, probes included. */
    private static final List<String> ACTUATOR_PATHS = List.of("/actuator/health", "/actuator/health/liveness",
            "/actuator/health/readiness", "/actuator/info", "/actuator/prometheus");
    private static final String OPERATOR_HEADER = HttpHeaders.AUTHORIZATION + ": "
            + TestApiKeys.bearer(TestApiKeys.OPERATOR_KEY);

    @Autowired WebApplicationContext context;
    @LocalServerPort int adminPort;
    @LocalManagementPort int managementPort;

    private MockMvc mvc;
    private List<AdminEndpoints> endpoints;

    @BeforeEach
    void setUp() {
        mvc = AdminTestData.mockMvc(context);
        endpoints = AdminEndpoints.all(context);
    }

    @Test
    void anonymousCallersGet401WithABearerChallengeEverywhere() throws Exception {
        for (AdminEndpoints endpoint : endpoints) {
            mvc.perform(call(endpoint, null))
                    .andExpect(status().isUnauthorized())
                    .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, AdminExceptionHandler.BEARER_CHALLENGE))
                    .andExpect(header().string(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE))
                    .andExpect(jsonPath("$.type").value(ProblemType.UNAUTHORIZED.type().toString()))
                    .andExpect(jsonPath("$.detail").value(ProblemType.UNAUTHORIZED.typicalDetail()))
                    .andExpect(jsonPath("$.instance").value(endpoint.samplePath()));
        }
    }

    @Test
    void wrongKeysGet401Everywhere() throws Exception {
        for (AdminEndpoints endpoint : endpoints) {
            mvc.perform(call(endpoint, withKey("not-a-configured-key-0123456789abcdef")))
                    .andExpect(status().isUnauthorized())
                    .andExpect(jsonPath("$.detail").value("the API key is not valid"));
            mvc.perform(call(endpoint, request -> {
                        request.addHeader(HttpHeaders.AUTHORIZATION, "Basic dGVzdDp0ZXN0");
                        return request;
                    }))
                    .andExpect(status().isUnauthorized())
                    .andExpect(jsonPath("$.type").value(ProblemType.UNAUTHORIZED.type().toString()));
        }
    }

    @Test
    void viewersMayReadButNotChange() throws Exception {
        for (AdminEndpoints endpoint : endpoints) {
            MvcResult result = mvc.perform(call(endpoint, viewer())).andReturn();
            int status = result.getResponse().getStatus();
            if (endpoint.isRead()) {
                assertThat(status).as(endpoint.toString()).isNotIn(401, 403).isLessThan(500);
            } else {
                assertThat(status).as(endpoint.toString()).isEqualTo(403);
                assertThat(result.getResponse().getContentAsString())
                        .contains(ProblemType.FORBIDDEN.type().toString(), TestApiKeys.VIEWER_NAME);
            }
        }
    }

    @Test
    void operatorsMayReadAndChange() throws Exception {
        for (AdminEndpoints endpoint : endpoints) {
            int status = mvc.perform(call(endpoint, operator())).andReturn().getResponse().getStatus();
            assertThat(status).as(endpoint.toString()).isNotIn(401, 403).isLessThan(500);
        }
    }

    @Test
    void apiDocsAreOpenAndActuatorEndpointsAreNotServedOnTheAdminPort() throws Exception {
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk());
        mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk());
        for (String path : ACTUATOR_PATHS) {
            Response anonymous = RawHttp.send(adminPort, "GET " + path + " HTTP/1.1");
            assertThat(anonymous.status()).as(path).isEqualTo(401);
            assertThat(anonymous.body()).contains(ProblemType.UNAUTHORIZED.type().toString());
            Response withKey = RawHttp.send(adminPort, "GET " + path + " HTTP/1.1\r\n" + OPERATOR_HEADER);
            assertThat(withKey.status()).as(path).isEqualTo(403);
            assertThat(withKey.body()).contains("GET " + path + " is not available to any API key");
        }
    }

    @Test
    void healthInfoAndPrometheusAreOpenOnTheManagementPort() throws Exception {
        assertThat(managementPort).isNotEqualTo(adminPort);
        for (String path : ACTUATOR_PATHS) {
            assertThat(RawHttp.send(managementPort, "GET " + path + " HTTP/1.1").status()).as(path).isEqualTo(200);
        }
        assertThat(RawHttp.send(managementPort, "GET /actuator/health/readiness HTTP/1.1").body()).contains("\"UP\"");
        assertThat(RawHttp.send(managementPort, "GET /actuator/prometheus HTTP/1.1").body())
                .contains("sis_gateway_peers_connected", "hikaricp_connections_active");
    }

    @Test
    void theManagementPortServesNothingElseWithOrWithoutAKey() throws Exception {
        for (String path : List.of("/api/v1/stats", "/actuator", "/actuator/metrics", "/actuator/env",
                "/swagger-ui.html", "/console", "/")) {
            assertThat(RawHttp.send(managementPort, "GET " + path + " HTTP/1.1").status()).as(path).isEqualTo(403);
            assertThat(RawHttp.send(managementPort, "GET " + path + " HTTP/1.1\r\n" + OPERATOR_HEADER).status())
                    .as(path).isEqualTo(403);
        }
        assertThat(RawHttp.send(managementPort, "POST /actuator/health HTTP/1.1\r\n" + OPERATOR_HEADER
                + "\r\nContent-Length: 0").status()).isEqualTo(403);
    }

    @Test
    void theAdminApiStillNeedsItsKeyOverHttp() throws Exception {
        assertThat(RawHttp.send(adminPort, "GET /api/v1/stats HTTP/1.1").status()).isEqualTo(401);
        assertThat(RawHttp.send(adminPort, "GET /api/v1/stats HTTP/1.1\r\n" + OPERATOR_HEADER).status())
                .isEqualTo(200);
    }

    @Test
    void everythingElseIsClosed() throws Exception {
        mvc.perform(get("/internal")).andExpect(status().isUnauthorized());
        mvc.perform(get("/internal").with(operator())).andExpect(status().isForbidden());
        mvc.perform(post("/actuator/metrics").with(operator())).andExpect(status().isForbidden());
    }

    @Test
    void noSessionIsCreatedAndNoCsrfTokenIsNeeded() throws Exception {
        MvcResult result = mvc.perform(post("/api/v1/recipients").with(operator())
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isCreated())
                .andReturn();
        assertThat(result.getRequest().getSession(false)).isNull();
        assertThat(result.getResponse().getHeader(HttpHeaders.SET_COOKIE)).isNull();
    }

    @Test
    void keysNeverReachTheLog(CapturedOutput output) throws Exception {
        String wrongKey = "wrong-key-that-must-not-be-logged-0123456789";
        mvc.perform(get("/api/v1/stats").with(viewer())).andExpect(status().isOk());
        mvc.perform(get("/api/v1/stats").with(withKey(wrongKey))).andExpect(status().isUnauthorized());
        assertThat(output.getAll()).doesNotContain(TestApiKeys.VIEWER_KEY, wrongKey);
    }

    /** The endpoint's request, with a JSON body for the methods that take one. */
    private static MockHttpServletRequestBuilder call(AdminEndpoints endpoint, RequestPostProcessor key) {
        MockHttpServletRequestBuilder request = request(endpoint.method(), endpoint.samplePath());
        if (!endpoint.isRead()) {
            request.contentType(MediaType.APPLICATION_JSON).content("{}");
        }
        return key == null ? request : request.with(key);
    }
}
