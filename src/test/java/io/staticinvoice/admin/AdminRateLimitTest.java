package io.staticinvoice.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.staticinvoice.admin.RawHttp.Response;
import io.staticinvoice.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The admin API's request rate limit on the real server: a client over its bucket is answered 429
 * problem+json with {@code Retry-After}, counted, and the probes on the management port stay open.
 */
@IntegrationTest
@TestPropertySource(properties = {"sis.admin.limits.rate.burst=3", "sis.admin.limits.rate.per-second=0.001"})
class AdminRateLimitTest {

    @LocalServerPort int port;
    @LocalManagementPort int managementPort;
    @Autowired MeterRegistry meters;

    @Test
    void aClientOverItsBucketIsToldWhenToRetry() throws Exception {
        String request = "GET /api/v1/stats HTTP/1.1\r\nAuthorization: " + TestApiKeys.bearer(TestApiKeys.VIEWER_KEY);
        for (int i = 0; i < 3; i++) {
            assertThat(RawHttp.send(port, request).status()).isEqualTo(200);
        }
        Response limited = RawHttp.send(port, request);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Content-Type")).startsWith("application/problem+json");
        assertThat(limited.body()).contains("\"type\":\"https://staticinvoice.io/problems/rate-limited\"");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isPositive();
        assertThat(meters.counter(AdminRequestLimitFilter.REFUSED, "reason", "rate_limited").count()).isPositive();

        assertThat(RawHttp.send(managementPort, "GET /actuator/health/liveness HTTP/1.1").status()).isEqualTo(200);
    }
}
