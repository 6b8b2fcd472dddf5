package io.staticinvoice.admin;

import io.staticinvoice.config.ApiKeyHash;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads the API key of an {@code Authorization: Bearer <key>} header (RFC 6750 section 2.1). No
 * header means an anonymous request; another scheme or an empty key is rejected. The key is
 * hashed at once and never kept or logged.
 */
final class BearerApiKeyConverter implements AuthenticationConverter {

    private static final String SCHEME = "Bearer";

    @Override
    public Authentication convert(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return null;
        }
        String value = header.strip();
        if (!value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || (value.length() > SCHEME.length() && value.charAt(SCHEME.length()) != ' ')) {
            throw new BadCredentialsException("the admin API takes 'Authorization: Bearer <API key>'");
        }
        String key = value.substring(SCHEME.length()).strip();
        if (key.isEmpty()) {
            throw new BadCredentialsException("the bearer API key is empty");
        }
        return new PresentedApiKey(ApiKeyHash.of(key));
    }
}
