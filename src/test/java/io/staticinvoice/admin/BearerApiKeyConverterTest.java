package io.staticinvoice.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.config.ApiKeyHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.BadCredentialsException;

class BearerApiKeyConverterTest {

    private final BearerApiKeyConverter converter = new BearerApiKeyConverter();

    @Test
    void noHeaderIsAnonymous() {
        assertThat(converter.convert(new MockHttpServletRequest())).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer the-key", "bearer the-key", "BEARER   the-key  ", " Bearer the-key"})
    void readsTheBearerKeyAsItsHash(String header) {
        PresentedApiKey presented = (PresentedApiKey) converter.convert(request(header));
        assertThat(presented.hash().matches(ApiKeyHash.of("the-key"))).isTrue();
        assertThat(presented.isAuthenticated()).isFalse();
        assertThat(presented.toString()).doesNotContain("the-key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic dXNlcjpwYXNz", "Bearerthe-key", "Token the-key", ""})
    void rejectsOtherSchemes(String header) {
        assertThatThrownBy(() -> converter.convert(request(header)))
                .isInstanceOf(BadCredentialsException.class)
                .hasMessageContaining("Bearer <API key>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer", "Bearer   "})
    void rejectsAnEmptyKey(String header) {
        assertThatThrownBy(() -> converter.convert(request(header)))
                .isInstanceOf(BadCredentialsException.class)
                .hasMessageContaining("empty");
    }

    private static MockHttpServletRequest request(String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader("Authorization", authorization);
        return request;
    }
}
