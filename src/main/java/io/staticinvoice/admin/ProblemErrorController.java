package io.staticinvoice.admin;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page ({@code /error}), for errors that happen outside Spring MVC's
 * handlers: a request the servlet container refuses itself (TRACE, a path it cannot map), or an
 * error a filter sends. Answers problem+json like {@link AdminExceptionHandler}, whatever the
 * request accepts, instead of Spring Boot's default JSON or HTML.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value && value >= 400 && value < 600 ? value : 500;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        ProblemDetail problem = forStatus(status, uri instanceof String path ? path : null);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** The problem for an error known only by its status: typed where the API has a type for it. */
    static ProblemDetail forStatus(int status, String path) {
        ProblemDetail problem = switch (status) {
            case 400 -> typed(ProblemType.REQUEST_REJECTED,
                    "the server could not read this request (malformed request line, path or headers)");
            case 404 -> typed(ProblemType.NOT_FOUND, "no resource at this path");
            case 405 -> typed(ProblemType.METHOD_NOT_ALLOWED, "this method is not supported here");
            case 413 -> typed(ProblemType.PAYLOAD_TOO_LARGE, "the request is too large");
            case 429 -> typed(ProblemType.RATE_LIMITED, ProblemType.RATE_LIMITED.typicalDetail());
            case 500 -> typed(ProblemType.INTERNAL_ERROR, ProblemType.INTERNAL_ERROR.typicalDetail());
            default -> {
                HttpStatus known = HttpStatus.resolve(status);
                yield ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status),
                        known == null ? "HTTP " + status : known.getReasonPhrase());
            }
        };
        if (path != null) {
            try {
                problem.setInstance(URI.create(path));
            } catch (IllegalArgumentException unparseable) {
                // the path is what was wrong with the request; leave it out
            }
        }
        return problem;
    }

    private static ProblemDetail typed(ProblemType type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.type());
        problem.setTitle(type.title());
        return problem;
    }
}
