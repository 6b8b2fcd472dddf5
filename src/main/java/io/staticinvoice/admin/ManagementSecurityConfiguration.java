package io.staticinvoice.admin;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.actuate.info.InfoEndpoint;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * Spring Security for the management server, Spring Boot's actuator on a port of its own
 * ({@code management.server.port}, README "Ports"): GET of health (with its liveness and readiness
 * groups), info and Prometheus is open without an API key, so that Kubernetes probes and
 * Prometheus need none; everything else there is refused with 403. The admin API's key scheme
 * ({@link AdminSecurityConfiguration}) does not apply on this port, and these endpoints are not
 * served on the admin port. So that metrics never become readable without a key on the admin
 * port, the start is refused when the management port is not a separate one.
 */
@Configuration(proxyBeanMethods = false)
class ManagementSecurityConfiguration {

    static final String PORT_PROPERTY = "management.server.port";

    /**
     * Refuses a management port that is the admin API's, before any bean (the database's included)
     * is created: set apart, or turned off with -1.
     */
    @Bean
    static BeanFactoryPostProcessor managementPortOfItsOwn(Environment environment) {
        return beanFactory -> {
            if (ManagementPortType.get(environment) == ManagementPortType.SAME) {
                throw new InvalidConfigurationPropertyValueException(PORT_PROPERTY,
                        environment.getProperty(PORT_PROPERTY), "The management port serves health and metrics "
                                + "without an API key, so it must not be the admin API's port (server.port). Set it "
                                + "to a port of its own (default 8081), or to -1 to serve no actuator endpoints.");
            }
        };
    }

    /** Ahead of the admin API's chain, which takes every request this one leaves. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain managementSecurity(HttpSecurity http) throws Exception {
        return AdminSecurityConfiguration.stateless(http)
                .securityMatcher(ManagementSecurityConfiguration::servedByManagementServer)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.FORBIDDEN)))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class, InfoEndpoint.class,
                                PrometheusScrapeEndpoint.class).withHttpMethod(HttpMethod.GET)).permitAll()
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .anyRequest().denyAll())
                .build();
    }

    /** Whether the request came in on the management server (the actuator's child context), whatever its path. */
    private static boolean servedByManagementServer(HttpServletRequest request) {
        return WebServerApplicationContext.hasServerNamespace(
                WebApplicationContextUtils.getWebApplicationContext(request.getServletContext()),
                WebServerNamespace.MANAGEMENT.getValue());
    }
}
