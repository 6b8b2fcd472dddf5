package io.staticinvoice.admin;

import io.staticinvoice.server.DuplicateRecipientException;
import io.staticinvoice.server.RecipientRevokedException;
import io.staticinvoice.server.NotFoundException;
import io.staticinvoice.store.IllegalInvoiceTransitionException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Turns every error of the admin API - the application's exceptions, Spring MVC's own, and the
 * security filter chain's (forwarded by {@link AdminSecurityConfiguration}) - into an RFC 9457
 * {@code application/problem+json} body whose {@code type} is one of {@link ProblemType}.
 * Validation problems carry an {@code errors} list of {@code {field, message}}.
 */
@RestControllerAdvice
class AdminExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(AdminExceptionHandler.class);

    /** The {@code WWW-Authenticate} challenge of RFC 6750 for the API's bearer keys. */
    static final String BEARER_CHALLENGE = "Bearer realm=\"static-invoice-server\"";

    private static final URI ABOUT_BLANK = URI.create("about:blank");

    /** One rejected field or parameter of an invalid request. */
    record InvalidField(String field, String message) {
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException e, WebRequest request) {
        return respond(ProblemType.NOT_FOUND, e.getMessage(), request);
    }

    @ExceptionHandler(IllegalInvoiceTransitionException.class)
    ResponseEntity<Object> invalidTransition(IllegalInvoiceTransitionException e, WebRequest request) {
        ProblemDetail problem = problem(ProblemType.INVALID_TRANSITION, e.getMessage(), request);
        problem.setProperty("currentStatus", e.current());
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    @ExceptionHandler(DuplicateRecipientException.class)
    ResponseEntity<Object> duplicateRecipient(DuplicateRecipientException e, WebRequest request) {
        return respond(ProblemType.RECIPIENT_EXISTS, e.getMessage(), request);
    }

    /** A command the services refuse in the target's current state, e.g. new paths for a revoked recipient. */
    @ExceptionHandler(RecipientRevokedException.class)
    ResponseEntity<Object> stateConflict(RecipientRevokedException e, WebRequest request) {
        return respond(ProblemType.STATE_CONFLICT, e.getMessage(), request);
    }

    /**
     * Two writers raced: one commit won, the other's change would overwrite or duplicate it. A
     * value the database cannot hold (SQLSTATE class 22, data exception) that validation let
     * through is the caller's error, not a race.
     */
    @ExceptionHandler({OptimisticLockingFailureException.class, DataIntegrityViolationException.class})
    ResponseEntity<Object> concurrentChange(RuntimeException e, WebRequest request) {
        if (NestedExceptionUtils.getMostSpecificCause(e) instanceof SQLException sql && sql.getSQLState() != null
                && sql.getSQLState().startsWith("22")) {
            log.info("admin API request had a value the database cannot store: SQLSTATE {}", sql.getSQLState());
            return invalid(List.of(new InvalidField("request", "a value is outside what can be stored")),
                    new HttpHeaders(), request);
        }
        log.info("admin API request lost a race: {}", e.getClass().getSimpleName());
        return respond(ProblemType.STATE_CONFLICT, "the resource changed concurrently; read it again and retry",
                request);
    }

    /** Input the services reject beyond what bean validation checks (e.g. a too long recipient id). */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Object> invalidArgument(IllegalArgumentException e, WebRequest request) {
        return respond(ProblemType.VALIDATION_FAILED, e.getMessage(), request);
    }

    /** A request over {@code sis.admin.limits.rate}: 429 with the seconds until the next token. */
    @ExceptionHandler(RateLimitedException.class)
    ResponseEntity<Object> rateLimited(RateLimitedException e, WebRequest request) {
        ProblemDetail problem = problem(ProblemType.RATE_LIMITED, e.getMessage(), request);
        return ResponseEntity.status(problem.getStatus())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds())).body(problem);
    }

    @ExceptionHandler(RequestBodyTooLargeException.class)
    ResponseEntity<Object> bodyTooLarge(RequestBodyTooLargeException e, WebRequest request) {
        return respond(ProblemType.PAYLOAD_TOO_LARGE, e.getMessage(), request);
    }

    /** What the security firewall refuses: encoded slashes, {@code ../}, backslashes, control characters. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Object> rejected(RequestRejectedException e, WebRequest request) {
        return respond(ProblemType.REQUEST_REJECTED, e.getMessage(), request);
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> unauthorized(AuthenticationException e, WebRequest request) {
        String detail = e instanceof InsufficientAuthenticationException
                ? ProblemType.UNAUTHORIZED.typicalDetail() : e.getMessage();
        ProblemDetail problem = problem(ProblemType.UNAUTHORIZED, detail, request);
        return ResponseEntity.status(problem.getStatus()).header(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE)
                .body(problem);
    }

    /**
     * A change under {@code /api/} with a VIEWER key needs OPERATOR; anything else refused (e.g.
     * {@code POST /actuator/shutdown}, paths outside the API) is open to no key at all.
     */
    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> forbidden(AccessDeniedException e, WebRequest request) {
        String key = request.getUserPrincipal() == null ? "this API key"
                : "API key '" + request.getUserPrincipal().getName() + "'";
        HttpServletRequest servlet = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
        if (servlet != null && !(servlet.getRequestURI().startsWith("/api/") && !request.isUserInRole("OPERATOR"))) {
            return respond(ProblemType.FORBIDDEN, servlet.getMethod() + " " + servlet.getRequestURI()
                    + " is not available to any API key", request);
        }
        return respond(ProblemType.FORBIDDEN, key + " may read but not change; changes need role OPERATOR", request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
        log.error("admin API request failed: {}", request.getDescription(false), e);
        return respond(ProblemType.INTERNAL_ERROR, ProblemType.INTERNAL_ERROR.typicalDetail(), request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidField> errors = new ArrayList<>();
        e.getBindingResult().getAllErrors().forEach(error -> errors.add(invalidField(error, "body")));
        return invalid(errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidField> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> {
            String parameter = result.getMethodParameter().getParameterName();
            result.getResolvableErrors().forEach(error -> errors.add(invalidField(error, parameter)));
        });
        return invalid(errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String field = e.getPropertyName() == null ? "parameter" : e.getPropertyName();
        return invalid(List.of(new InvalidField(field, "invalid value '" + e.getValue() + "'; expected "
                + JsonErrors.expected(e.getRequiredType()))), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyTooLargeException tooLarge) {
                return bodyTooLarge(tooLarge, request);
            }
        }
        if (e.getCause() instanceof JacksonException json) {
            return invalid(List.of(new InvalidField(jsonPath(json), JsonErrors.describe(json))), headers, request);
        }
        return invalid(List.of(new InvalidField("body", "a JSON body is required")), headers, request);
    }

    /** Gives the framework's own problems (405, 406, 415, 404 of unknown paths, ...) their stable type. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (status.is5xxServerError()) {
            log.error("admin API request failed: {}", request.getDescription(false), e);
        }
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem
                && (problem.getType() == null || ABOUT_BLANK.equals(problem.getType()))) {
            ProblemType.forFrameworkStatus(status.value()).ifPresent(type -> {
                problem.setType(type.type());
                problem.setTitle(type.title());
            });
            problem.setInstance(instance(request));
        }
        return response;
    }

    private ResponseEntity<Object> invalid(List<InvalidField> errors, HttpHeaders headers, WebRequest request) {
        String detail = errors.stream().map(error -> error.field() + ": " + error.message())
                .collect(Collectors.joining("; "));
        ProblemDetail problem = problem(ProblemType.VALIDATION_FAILED, detail, request);
        problem.setProperty("errors", errors);
        return ResponseEntity.status(problem.getStatus()).headers(headers).body(problem);
    }

    private static InvalidField invalidField(MessageSourceResolvable error, String fallbackName) {
        String field = error instanceof FieldError fieldError ? fieldError.getField() : fallbackName;
        return new InvalidField(field, error.getDefaultMessage());
    }

    /** The JSON path of a body error as API clients name fields: {@code requestRate.burst}, {@code items[2]}. */
    private static String jsonPath(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static ResponseEntity<Object> respond(ProblemType type, String detail, WebRequest request) {
        ProblemDetail problem = problem(type, detail, request);
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    private static ProblemDetail problem(ProblemType type, String detail, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.type());
        problem.setTitle(type.title());
        problem.setInstance(instance(request));
        return problem;
    }

    private static URI instance(WebRequest request) {
        HttpServletRequest servlet = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
        try {
            return servlet == null ? null : URI.create(servlet.getRequestURI());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
