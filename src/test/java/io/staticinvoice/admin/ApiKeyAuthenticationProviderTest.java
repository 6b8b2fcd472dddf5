package io.staticinvoice.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.config.AdminProperties;
import io.staticinvoice.config.AdminProperties.ApiKey;
import io.staticinvoice.config.AdminProperties.Role;
import io.staticinvoice.config.ApiKeyHash;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

class ApiKeyAuthenticationProviderTest {

    private static final String OPS_KEY = "ops-key-0123456789abcdef0123456789";
    private static final String VIEW_KEY = "view-key-0123456789abcdef012345678";

    private final ApiKeyAuthenticationProvider provider = new ApiKeyAuthenticationProvider(new AdminProperties(List.of(
            new ApiKey("ops", ApiKeyHash.of(OPS_KEY), Role.OPERATOR),
            new ApiKey("dashboard", ApiKeyHash.of(VIEW_KEY), Role.VIEWER))));

    @Test
    void authenticatesEachKeyAsItsNameAndRole() {
        Authentication ops = provider.authenticate(presented(OPS_KEY));
        assertThat(ops.isAuthenticated()).isTrue();
        assertThat(ops.getName()).isEqualTo("ops");
        assertThat(ops.getCredentials()).isNull();
        assertThat(ops.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_OPERATOR");

        Authentication dashboard = provider.authenticate(presented(VIEW_KEY));
        assertThat(dashboard.getName()).isEqualTo("dashboard");
        assertThat(dashboard.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_VIEWER");
    }

    @Test
    void rejectsAnUnknownKey() {
        assertThatThrownBy(() -> provider.authenticate(presented(OPS_KEY + "x")))
                .isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void withoutKeysNothingAuthenticates() {
        ApiKeyAuthenticationProvider none = new ApiKeyAuthenticationProvider(new AdminProperties(null));
        assertThatThrownBy(() -> none.authenticate(presented(OPS_KEY))).isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void supportsOnlyPresentedKeys() {
        assertThat(provider.supports(PresentedApiKey.class)).isTrue();
        assertThat(provider.supports(ApiKeyAuthentication.class)).isFalse();
    }

    private static PresentedApiKey presented(String key) {
        return new PresentedApiKey(ApiKeyHash.of(key));
    }
}
