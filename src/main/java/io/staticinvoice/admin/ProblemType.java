package io.staticinvoice.admin;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * The stable RFC 9457 problem types of the admin API. Each error response carries one of these
 * URIs as its {@code type}; clients branch on it rather than on the title or detail text.
 */
public enum ProblemType {
    VALIDATION_FAILED("validation-failed", HttpStatus.BAD_REQUEST, "Invalid request",
            "maxSlots: must be less than or equal to 65536"),
    UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "API key required",
            "this request needs an API key: send 'Authorization: Bearer <key>'"),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Not allowed for this API key",
            "API key 'dashboard' may read but not change; changes need role OPERATOR"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found", "invoice 42 not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed",
            "Method 'DELETE' is not supported."),
    NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable",
            "Acceptable representations: [application/json, application/problem+json]."),
    REQUEST_REJECTED("request-rejected", HttpStatus.BAD_REQUEST, "Request rejected",
            "the request was rejected because the URL contained a potentially malicious String \"%2e\""),
    PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Request body too large",
            "the request body exceeds 65536 bytes (sis.admin.limits.max-body-size)"),
    RATE_LIMITED("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
            "too many requests from this API key or address; retry after the time in Retry-After"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
            "Content-Type 'text/plain' is not supported."),
    INVALID_TRANSITION("invalid-transition", HttpStatus.CONFLICT, "Illegal invoice status change",
            "cannot approve invoice 42 in status REVOKED"),
    RECIPIENT_EXISTS("recipient-exists", HttpStatus.CONFLICT, "Recipient already registered",
            "recipient 5e1f... is already registered"),
    STATE_CONFLICT("state-conflict", HttpStatus.CONFLICT, "Conflicts with the current state",
            "recipient is revoked"),
    INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
            "the server could not complete the request; see its log");

    private static final String BASE = "https://staticinvoice.io/problems/";

    /** The types of errors Spring MVC raises itself, which it knows only by status. */
    private static final List<ProblemType> FRAMEWORK = List.of(VALIDATION_FAILED, NOT_FOUND, METHOD_NOT_ALLOWED,
            NOT_ACCEPTABLE, UNSUPPORTED_MEDIA_TYPE, INTERNAL_ERROR);

    private final URI type;
    private final HttpStatus status;
    private final String title;
    private final String typicalDetail;

    ProblemType(String slug, HttpStatus status, String title, String typicalDetail) {
        this.type = URI.create(BASE + slug);
        this.status = status;
        this.title = title;
        this.typicalDetail = typicalDetail;
    }

    /** The {@code type} URI, e.g. {@code https://staticinvoice.io/problems/not-found}. */
    public URI type() {
        return type;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** A typical {@code detail}: shown in the OpenAPI examples, and sent where the error has no more to say. */
    public String typicalDetail() {
        return typicalDetail;
    }

    /** The last segment of the type URI. */
    public String slug() {
        return type.getPath().substring(type.getPath().lastIndexOf('/') + 1);
    }

    /**
     * The type for an error the framework raised, known only by its status; empty for statuses
     * without a type of their own (they stay {@code about:blank}, meaning just the HTTP status).
     */
    static Optional<ProblemType> forFrameworkStatus(int status) {
        return FRAMEWORK.stream().filter(type -> type.status.value() == status).findFirst();
    }
}
