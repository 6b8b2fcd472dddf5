package io.staticinvoice.admin;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;

/**
 * The OpenAPI 3 description served at {@code /v3/api-docs} and shown by the Swagger UI at
 * {@code /swagger-ui.html}: API info, the bearer API key scheme (the UI's "Authorize" button),
 * and, on every admin operation, its problem+json error responses with examples.
 */
@Configuration(proxyBeanMethods = false)
class AdminOpenApiConfiguration {

    static final String SECURITY_SCHEME = "apiKey";
    static final String PROBLEM_SCHEMA = "Problem";

    @Bean
    OpenAPI adminOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Static invoice server admin API")
                        .version("v1")
                        .description("""
                                Register wallets (recipients), inspect, approve and revoke the BOLT 12 static \
                                invoices the server stores and serves for them, read the audit log and \
                                operating figures. Authenticate with an API key from `sis.admin.api-keys` as \
                                `Authorization: Bearer <key>`: role VIEWER may read, OPERATOR may also change. \
                                Binary values are lowercase hex; errors are RFC 9457 problem+json whose `type` \
                                is stable."""))
                .components(new Components()
                        .addSecuritySchemes(SECURITY_SCHEME, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .description("An API key configured in sis.admin.api-keys[N].key"))
                        .addSchemas(PROBLEM_SCHEMA, problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList(SECURITY_SCHEME));
    }

    /**
     * Adds each operation's error responses: those its {@link ProblemResponses} lists, 401 and 429
     * for every operation under {@code /api/}, 403 and 413 for those that need role OPERATOR (every
     * method but GET, the ones with a body).
     */
    @Bean
    OperationCustomizer problemResponsesCustomizer() {
        return (operation, handlerMethod) -> {
            RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handlerMethod.getMethod(),
                    RequestMapping.class);
            if (!isAdminApi(handlerMethod, mapping)) {
                return operation;
            }
            Set<ProblemType> problems = new TreeSet<>();
            ProblemResponses declared = handlerMethod.getMethodAnnotation(ProblemResponses.class);
            if (declared != null) {
                problems.addAll(Arrays.asList(declared.value()));
            }
            problems.add(ProblemType.UNAUTHORIZED);
            problems.add(ProblemType.RATE_LIMITED);
            if (needsOperator(mapping)) {
                problems.add(ProblemType.FORBIDDEN);
                problems.add(ProblemType.PAYLOAD_TOO_LARGE);
            }
            addProblems(operation, problems);
            return operation;
        };
    }

    private static boolean isAdminApi(HandlerMethod handlerMethod, RequestMapping mapping) {
        RequestMapping type = AnnotatedElementUtils.findMergedAnnotation(handlerMethod.getBeanType(),
                RequestMapping.class);
        return mapping != null && Stream.concat(
                        type == null ? Stream.of("") : Arrays.stream(type.path()),
                        Arrays.stream(mapping.path()))
                .anyMatch(path -> path.startsWith("/api/"));
    }

    /** The rule {@link AdminSecurityConfiguration} applies: only GET is open to VIEWER. */
    private static boolean needsOperator(RequestMapping mapping) {
        return Arrays.stream(mapping.method()).anyMatch(method -> method != RequestMethod.GET);
    }

    private static void addProblems(Operation operation, Set<ProblemType> problems) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        Map<Integer, Set<ProblemType>> byStatus = problems.stream().collect(Collectors.groupingBy(
                problem -> problem.status().value(), LinkedHashMap::new, Collectors.toCollection(TreeSet::new)));
        byStatus.forEach((status, types) -> {
            MediaType media = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA));
            types.forEach(type -> media.addExamples(type.slug(), new Example()
                    .summary(type.title())
                    .value(example(type))));
            responses.addApiResponse(String.valueOf(status), new ApiResponse()
                    .description(types.stream().map(ProblemType::title).collect(Collectors.joining("; ")))
                    .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            media)));
        });
        operation.setResponses(responses);
    }

    private static Map<String, Object> example(ProblemType type) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", type.type().toString());
        example.put("title", type.title());
        example.put("status", type.status().value());
        example.put("detail", type.typicalDetail());
        return example;
    }

    /** RFC 9457 problem details, as {@link ProblemDetail} renders them. */
    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().format("uri")
                        .description("stable identifier of the error, https://staticinvoice.io/problems/..."))
                .addProperty("title", new StringSchema().description("short summary of the error type"))
                .addProperty("status", new IntegerSchema().description("the HTTP status"))
                .addProperty("detail", new StringSchema().description("what went wrong in this request"))
                .addProperty("instance", new StringSchema().format("uri-reference").description("the request path"))
                .addProperty("errors", new io.swagger.v3.oas.models.media.ArraySchema()
                        .items(new ObjectSchema()
                                .addProperty("field", new StringSchema())
                                .addProperty("message", new StringSchema()))
                        .description("validation-failed only: each rejected field or parameter"))
                .addProperty("currentStatus", new StringSchema()
                        .description("invalid-transition only: the invoice's status"));
    }
}
