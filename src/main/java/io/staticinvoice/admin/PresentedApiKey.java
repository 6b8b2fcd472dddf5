package io.staticinvoice.admin;

import io.staticinvoice.config.ApiKeyHash;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * The bearer key a request presented, not yet checked; it carries only the key's hash, so
 * neither it nor a log line about it can reveal the key.
 */
final class PresentedApiKey extends AbstractAuthenticationToken {

    private final ApiKeyHash hash;

    PresentedApiKey(ApiKeyHash hash) {
        super(List.of());
        this.hash = hash;
    }

    ApiKeyHash hash() {
        return hash;
    }

    @Override
    public Object getCredentials() {
        return hash;
    }

    @Override
    public Object getPrincipal() {
        return "bearer API key";
    }
}
