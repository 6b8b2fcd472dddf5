package io.staticinvoice.admin;

import io.staticinvoice.config.AdminProperties.Role;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An admin API caller authenticated by its bearer API key: the key's configured name (the
 * actor the audit log records) and its role, granted as authority {@code ROLE_VIEWER} or
 * {@code ROLE_OPERATOR}. It holds no credentials.
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final String keyName;
    private final Role role;

    ApiKeyAuthentication(String keyName, Role role) {
        super(List.of(new SimpleGrantedAuthority(authority(role))));
        this.keyName = keyName;
        this.role = role;
        setAuthenticated(true);
    }

    /** The key's configured role. */
    Role role() {
        return role;
    }

    /** The Spring Security authority a role grants; {@link AdminSecurityConfiguration} lets OPERATOR imply VIEWER. */
    private static String authority(Role role) {
        return "ROLE_" + role.name();
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return keyName;
    }

    @Override
    public String getName() {
        return keyName;
    }
}
