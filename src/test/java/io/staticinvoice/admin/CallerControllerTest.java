package io.staticinvoice.admin;

import static io.staticinvoice.admin.TestApiKeys.operator;
import static io.staticinvoice.admin.TestApiKeys.viewer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.staticinvoice.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

@IntegrationTest
class CallerControllerTest {

    @Autowired WebApplicationContext context;

    @Test
    void namesThePresentedKeyAndItsRole() throws Exception {
        MockMvc mvc = AdminTestData.mockMvc(context);
        mvc.perform(get("/api/v1/me").with(viewer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value(TestApiKeys.VIEWER_NAME))
                .andExpect(jsonPath("$.role").value("VIEWER"));
        mvc.perform(get("/api/v1/me").with(operator()))
                .andExpect(jsonPath("$.name").value(TestApiKeys.OPERATOR_NAME))
                .andExpect(jsonPath("$.role").value("OPERATOR"));
        mvc.perform(get("/api/v1/me")).andExpect(status().isUnauthorized());
    }
}
