package io.staticinvoice.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.staticinvoice.admin.RawHttp.Response;
import io.staticinvoice.support.IntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Requests at the edges of HTTP and of the API's value ranges, sent to the real server over a
 * socket: each is answered {@code application/problem+json} with the right status and type, and
 * no answer names a Java class.
 */
@IntegrationTest
class AdminEdgeCasesTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String OPERATOR = "Authorization: " + TestApiKeys.bearer(TestApiKeys.OPERATOR_KEY);

    @LocalServerPort int port;

    @Test
    void aNulCharacterInALabelOrReasonIsInvalidNotAConflict() throws Exception {
        assertValidationFailed(postJson("/api/v1/recipients", "{\"label\": \"a\\u0000b\"}"), "label");
        String recipient = registered();
        assertValidationFailed(json("PATCH", "/api/v1/recipients/" + recipient, "{\"label\": \"a\\u0000b\"}"), "label");
        assertValidationFailed(postJson("/api/v1/invoices/1/revoke", "{\"reason\": \"lost\\u0000\"}"), "reason");
        assertValidationFailed(get("/api/v1/recipients?label=a%00b"), "label");
    }

    @Test
    void timestampFiltersBeyondWhatTheDatabaseHoldsAreInvalid() throws Exception {
        for (String instant : new String[] {"%2B300000-01-01T00:00:00Z", "-5000-01-01T00:00:00Z"}) {
            assertValidationFailed(get("/api/v1/invoices?expiringBefore=" + instant), "expiringBefore");
            assertValidationFailed(get("/api/v1/audit?from=" + instant), "from");
            assertValidationFailed(get("/api/v1/audit?to=" + instant), "to");
        }
    }

    @Test
    void bodyErrorsNeverNameJavaClasses() throws Exception {
        for (String body : new String[] {"{\"maxSlots\": \"many\"}", "{\"maxSlots\": 99999999999}",
                "{\"maxSlots\": 1.5}", "{\"unknown\": 1}", "{\"label\": {\"x\": 1}}", "{\"label\": ", "[1]",
                "{\"pathsRelativeExpirySeconds\": true}"}) {
            Response response = postJson("/api/v1/recipients", body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.header("Content-Type")).as(body).startsWith(PROBLEM_JSON);
            assertThat(response.body()).as(body).contains("validation-failed")
                    .doesNotContain("java.", "io.staticinvoice", "Integer", "Long", "`", "class ");
        }
        Response typeMismatch = get("/api/v1/invoices?status=LOST");
        assertThat(typeMismatch.status()).isEqualTo(400);
        assertThat(get("/api/v1/invoices/abc").body()).contains("an integer").doesNotContain("Long");
    }

    @Test
    void pathsAndHeadersTheServerRefusesAreProblems() throws Exception {
        assertProblem(get("/api/v1/recipients/ab%2Fcd"), 400, "request-rejected");
        assertProblem(get("/api/v1/recipients/ab%5Ccd"), 400, "request-rejected");
        assertProblem(get("/api/v1/recipients/ab\\cd"), 400, "request-rejected");
        assertProblem(get("/api/v1/recipients/../stats"), 400, "request-rejected");
        assertProblem(get("/api/v1/%2e%2e/stats"), 400, "request-rejected");
        assertProblem(RawHttp.send(port, "GET /api/v1/stats HTTP/1.1\r\n" + OPERATOR + "\r\nX-Large: "
                + "a".repeat(64 * 1024)), 400, "request-rejected");
    }

    @Test
    void traceIsNotAllowed() throws Exception {
        assertProblem(RawHttp.send(port, "TRACE /api/v1/stats HTTP/1.1\r\n" + OPERATOR), 405, "method-not-allowed");
        assertProblem(RawHttp.send(port, "TRACE / HTTP/1.1"), 405, "method-not-allowed");
    }

    @Test
    void shutdownIsOpenToNoKeyAndSaysSo() throws Exception {
        Response response = RawHttp.send(port, "POST /actuator/shutdown HTTP/1.1\r\n" + OPERATOR
                + "\r\nContent-Length: 0");
        assertProblem(response, 403, "forbidden");
        assertThat(response.body()).contains("POST /actuator/shutdown is not available to any API key")
                .doesNotContain("needs role OPERATOR");
    }

    @Test
    void bodiesOverTheLimitAreRefusedWithOrWithoutALength() throws Exception {
        String large = "{\"label\": \"" + "x".repeat(70 * 1024) + "\"}";
        assertProblem(postJson("/api/v1/recipients", large), 413, "payload-too-large");

        StringBuilder chunked = new StringBuilder();
        for (int i = 0; i < large.length(); i += 4096) {
            String chunk = large.substring(i, Math.min(large.length(), i + 4096));
            chunked.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        chunked.append("0\r\n\r\n");
        assertProblem(RawHttp.send(port, "POST /api/v1/recipients HTTP/1.1\r\n" + OPERATOR
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked",
                chunked.toString().getBytes(StandardCharsets.UTF_8)), 413, "payload-too-large");
    }

    private String registered() throws IOException {
        Response response = postJson("/api/v1/recipients", "{}");
        assertThat(response.status()).isEqualTo(201);
        int at = response.body().indexOf("\"recipientId\":\"") + "\"recipientId\":\"".length();
        return response.body().substring(at, response.body().indexOf('"', at));
    }

    private Response get(String path) throws IOException {
        return RawHttp.send(port, "GET " + path + " HTTP/1.1\r\n" + OPERATOR);
    }

    private Response postJson(String path, String body) throws IOException {
        return json("POST", path, body);
    }

    private Response json(String method, String path, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return RawHttp.send(port, method + " " + path + " HTTP/1.1\r\n" + OPERATOR
                + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length, bytes);
    }

    private static void assertValidationFailed(Response response, String field) {
        assertProblem(response, 400, "validation-failed");
        assertThat(response.body()).contains("\"field\":\"" + field + "\"");
    }

    private static void assertProblem(Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(response.body()).startsWith(PROBLEM_JSON);
        assertThat(response.body()).contains("\"type\":\"https://staticinvoice.io/problems/" + type + "\"")
                .doesNotContain("java.", "io.staticinvoice.", "<html");
    }
}
