package io.staticinvoice.admin;

import io.staticinvoice.config.AdminProperties;
import io.staticinvoice.config.AdminProperties.ApiKey;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Checks a presented bearer key against the configured {@code sis.admin.api-keys}: hashes are
 * compared in constant time, and every configured key is compared so the time taken does not
 * tell which key (if any) matched. No configured key means nothing authenticates.
 */
@Component
class ApiKeyAuthenticationProvider implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyAuthenticationProvider.class);

    private final List<ApiKey> keys;

    ApiKeyAuthenticationProvider(AdminProperties properties) {
        this.keys = properties.apiKeys();
        if (keys.isEmpty()) {
            log.warn("no admin API key configured (sis.admin.api-keys): the admin API answers 401 to every request");
        } else {
            log.info("admin API keys configured: {}", keys.stream().map(k -> k.name() + " (" + k.role() + ")").toList());
        }
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        PresentedApiKey presented = (PresentedApiKey) authentication;
        ApiKey match = null;
        for (ApiKey key : keys) {
            if (key.key().matches(presented.hash())) {
                match = key;
            }
        }
        if (match == null) {
            throw new BadCredentialsException("the API key is not valid");
        }
        return new ApiKeyAuthentication(match.name(), match.role());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return PresentedApiKey.class.isAssignableFrom(authentication);
    }
}
