package io.staticinvoice.admin;

import static io.staticinvoice.admin.ProblemType.NOT_FOUND;
import static io.staticinvoice.admin.ProblemType.VALIDATION_FAILED;

import io.staticinvoice.store.AuditKind;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/audit}: the audit log of protocol events and operators' changes. */
@RestController
@RequestMapping(path = "/api/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Audit", description = "Protocol events and every change made through this API, with who made it")
class AuditController {

    private static final String SORT_PATTERN = "^(occurredAt|id)(,(asc|desc))?$";
    private static final Map<String, String> SORT_ATTRIBUTES = Map.of("occurredAt", "occurredAt", "id", "id");

    private final AuditQueries queries;

    AuditController(AuditQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    @Operation(summary = "Read the audit log",
            description = "A page of audit events, newest first unless sorted otherwise, filtered by recipient, "
                    + "actor, kind and time range [from, to).")
    @ApiResponse(responseCode = "200", description = "The page")
    @ProblemResponses({VALIDATION_FAILED, NOT_FOUND})
    PageResponse<AuditEventResponse> list(
            @Parameter(description = "only events about this recipient (recipient id, hex)")
            @RequestParam(required = false) @Pattern(regexp = RecipientIds.PATTERN) String recipient,
            @Parameter(description = "only events by this actor: an API key's name (e.g. ops-alice), or 'protocol'")
            @RequestParam(required = false) @Pattern(regexp = "^[A-Za-z0-9._@-]{1,100}$") String actor,
            @Parameter(description = "only events of this kind") @RequestParam(required = false) AuditKind kind,
            @Parameter(description = "only events at or after this instant (ISO-8601, e.g. 2026-01-31T00:00:00Z)")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    @StorableInstant Instant from,
            @Parameter(description = "only events before this instant (ISO-8601, e.g. 2026-02-01T00:00:00Z)")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    @StorableInstant Instant to,
            @Parameter(description = "zero-based page number") @RequestParam(defaultValue = "0")
            @Min(0) @Max(Paging.MAX_PAGE) int page,
            @Parameter(description = "page size") @RequestParam(defaultValue = Paging.DEFAULT_SIZE)
            @Min(1) @Max(Paging.MAX_SIZE) int size,
            @Parameter(description = "occurredAt or id, then ,asc or ,desc")
            @RequestParam(defaultValue = "occurredAt,desc") @Pattern(regexp = SORT_PATTERN) String sort) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
        return queries.list(recipient == null ? null : RecipientIds.decode(recipient), actor, kind, from, to,
                Paging.of(page, size, sort, SORT_ATTRIBUTES));
    }
}
