package io.staticinvoice.admin;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every request mapping of the controllers in {@code io.staticinvoice.admin}, read from Spring
 * MVC itself, so the security matrix and the OpenAPI check cover endpoints added later
 * (such as the gateway's {@code NodeController}) without being told.
 */
record AdminEndpoints(HttpMethod method, String pattern, HandlerMethod handler) {

    static List<AdminEndpoints> all(ApplicationContext context) {
        Map<RequestMappingInfo, HandlerMethod> mappings = context
                .getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class).getHandlerMethods();
        List<AdminEndpoints> endpoints = mappings.entrySet().stream()
                .filter(mapping -> mapping.getValue().getBeanType().getPackageName()
                        .equals(AdminEndpoints.class.getPackageName()))
                .flatMap(mapping -> mapping.getKey().getPatternValues().stream()
                        .flatMap(pattern -> mapping.getKey().getMethodsCondition().getMethods().stream()
                                .map(method -> new AdminEndpoints(HttpMethod.valueOf(method.name()), pattern,
                                        mapping.getValue()))))
                .sorted(Comparator.comparing(AdminEndpoints::pattern).thenComparing(e -> e.method().name()))
                .toList();
        if (endpoints.size() < 10) {
            throw new IllegalStateException("expected the admin API's mappings, found " + endpoints);
        }
        return endpoints;
    }

    /** A request path for the pattern, with a well-formed id that names nothing. */
    String samplePath() {
        return pattern.replace("{recipientId}", "00".repeat(32)).replace("{id}", String.valueOf(Long.MAX_VALUE));
    }

    boolean isRead() {
        return method == HttpMethod.GET;
    }

    @Override
    public String toString() {
        return method + " " + pattern;
    }
}
