package io.staticinvoice.admin;

import static io.staticinvoice.admin.TestApiKeys.operator;
import static io.staticinvoice.admin.TestApiKeys.viewer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.staticinvoice.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

/** The errors Spring MVC raises itself also come as problem+json with a stable type. */
@IntegrationTest
class AdminExceptionHandlerTest {

    @Autowired WebApplicationContext context;

    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = AdminTestData.mockMvc(context);
    }

    @Test
    void unknownPathsAre404() throws Exception {
        mvc.perform(get("/api/v1/wallets").with(viewer()))
                .andExpect(status().isNotFound())
                .andExpect(header().string(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE))
                .andExpect(jsonPath("$.type").value(ProblemType.NOT_FOUND.type().toString()))
                .andExpect(jsonPath("$.title").value(ProblemType.NOT_FOUND.title()))
                .andExpect(jsonPath("$.instance").value("/api/v1/wallets"));
    }

    @Test
    void unsupportedMethodsAre405() throws Exception {
        mvc.perform(delete("/api/v1/stats").with(operator()))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(header().string(HttpHeaders.ALLOW, "GET"))
                .andExpect(jsonPath("$.type").value(ProblemType.METHOD_NOT_ALLOWED.type().toString()));
    }

    @Test
    void unacceptableRepresentationsAre406() throws Exception {
        mvc.perform(get("/api/v1/stats").with(viewer()).accept(MediaType.APPLICATION_XML))
                .andExpect(status().isNotAcceptable());
    }
}
