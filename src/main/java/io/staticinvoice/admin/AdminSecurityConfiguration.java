package io.staticinvoice.admin;

import io.micrometer.core.instrument.MeterRegistry;
import io.staticinvoice.config.AdminLimitsProperties;
import io.staticinvoice.config.AdminProperties.Role;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Spring Security for the two HTTP servers. The admin API's ({@code server.port}): a stateless
 * bearer-API-key scheme with no sessions and no CSRF (there are no cookies to ride on). GET under
 * {@code /api/} needs role VIEWER, every other method there OPERATOR (which implies VIEWER); the
 * OpenAPI description, the Swagger UI and the operator console's static files are open (the
 * console under a strict Content-Security-Policy); nothing else is served, actuator endpoints
 * included. The management server's ({@code management.server.port},
 * {@link ManagementSecurityConfiguration}): health, info and Prometheus, open to GET without a
 * key, for probes and scrapers that reach that port. The API's request rate and body size are bounded by {@link AdminRequestLimitFilter}.
 * Security errors, firewall rejections and limits become problem+json through the same
 * {@link AdminExceptionHandler} as the rest of the API.
 */
@Configuration(proxyBeanMethods = false)
class AdminSecurityConfiguration {

    /** Paths of the admin server anyone may read: the API description and its UI. */
    static final String[] OPEN_PATHS = {
        "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml",
        "/swagger-ui.html", "/swagger-ui/**", "/error"
    };

    /**
     * The operator console's static files and the WebJars it loads: open, since they hold no data;
     * every API call they make presents the key.
     */
    static final String[] CONSOLE_PATHS = {"/console", "/console/**", "/webjars/**"};

    /**
     * The console runs only its own scripts and styles (no inline code, no other origin) and may
     * not be framed.
     */
    static final String CONSOLE_CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Bean
    SecurityFilterChain adminApiSecurity(HttpSecurity http, ApiKeyAuthenticationProvider keys,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver, AdminLimitsProperties limits,
            Clock clock, MeterRegistry meters) throws Exception {
        AuthenticationEntryPoint entryPoint = (request, response, e) ->
                resolver.resolveException(request, response, null, e);
        AccessDeniedHandler accessDenied = (request, response, e) ->
                resolver.resolveException(request, response, null, e);

        AuthenticationFilter bearerKeys = new AuthenticationFilter(new ProviderManager(keys),
                new BearerApiKeyConverter());
        bearerKeys.setSuccessHandler((request, response, authentication) -> { });
        bearerKeys.setFailureHandler(new AuthenticationEntryPointFailureHandler(entryPoint));

        return stateless(http)
                .addFilterAt(bearerKeys, BasicAuthenticationFilter.class)
                .addFilterAfter(new AdminRequestLimitFilter(new AdminRateLimiter(limits, clock), limits, resolver,
                        meters), BasicAuthenticationFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDenied))
                .headers(headers -> headers.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        PathPatternRequestMatcher.withDefaults().matcher("/console/**"),
                        new ContentSecurityPolicyHeaderWriter(CONSOLE_CONTENT_SECURITY_POLICY))))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(OPEN_PATHS).permitAll()
                        .requestMatchers(HttpMethod.GET, CONSOLE_PATHS).permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/**").hasRole(Role.VIEWER.name())
                        .requestMatchers("/api/**").hasRole(Role.OPERATOR.name())
                        .anyRequest().denyAll())
                .build();
    }

    /**
     * A chain for callers that are not browsers with sessions: no CSRF tokens, HTTP Basic, form
     * login, logout, saved requests or HTTP session.
     */
    static HttpSecurity stateless(HttpSecurity http) throws Exception {
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    }

    /**
     * Requests the firewall refuses (encoded or doubled slashes, {@code ../}, backslashes, ...)
     * are answered problem+json like every other error, instead of the container's error page.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler(
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
        return (request, response, e) -> resolver.resolveException(request, response, null, e);
    }

    /** OPERATOR may do everything VIEWER may. */
    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(Role.OPERATOR.name()).implies(Role.VIEWER.name())
                .build();
    }
}
