package io.staticinvoice.admin;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The admin API keys configured for the {@code test} profile in {@code application-test.yaml},
 * for tests that call the REST API as a VIEWER or an OPERATOR.
 */
public final class TestApiKeys {

    public static final String VIEWER_NAME = "test-viewer";
    public static final String VIEWER_KEY = "viewer-key-for-tests-only-0123456789";
    public static final String OPERATOR_NAME = "test-operator";
    public static final String OPERATOR_KEY = "operator-key-for-tests-only-0123456789";

    private TestApiKeys() {
    }

    /** The {@code Authorization} header value for a key. */
    public static String bearer(String key) {
        return "Bearer " + key;
    }

    /** Sends the request with the VIEWER key. */
    public static RequestPostProcessor viewer() {
        return withKey(VIEWER_KEY);
    }

    /** Sends the request with the OPERATOR key. */
    public static RequestPostProcessor operator() {
        return withKey(OPERATOR_KEY);
    }

    static RequestPostProcessor withKey(String key) {
        return request -> {
            request.addHeader(HttpHeaders.AUTHORIZATION, bearer(key));
            return request;
        };
    }
}
