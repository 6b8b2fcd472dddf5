package io.staticinvoice.admin;

import static io.staticinvoice.admin.ProblemType.INVALID_TRANSITION;
import static io.staticinvoice.admin.ProblemType.NOT_FOUND;
import static io.staticinvoice.admin.ProblemType.VALIDATION_FAILED;

import io.staticinvoice.server.InvoiceService;
import io.staticinvoice.store.InvoiceStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/invoices}: list, inspect, approve and revoke stored static invoices, and read their history. */
@RestController
@RequestMapping(path = "/api/v1/invoices", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Invoices", description = "Static invoices recipients handed over for the server to serve")
class InvoiceController {

    private static final String SORT_PATTERN = "^(id|storedAt|expiresAt|status|slot|timesServed|lastServedAt)(,(asc|desc))?$";
    private static final Map<String, String> SORT_ATTRIBUTES = Map.of("id", "id", "storedAt", "storedAt",
            "expiresAt", "expiresAt", "status", "status", "slot", "slot", "timesServed", "servedCount",
            "lastServedAt", "lastServedAt");

    private final InvoiceService commands;
    private final InvoiceQueries queries;

    InvoiceController(InvoiceService commands, InvoiceQueries queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @GetMapping
    @Operation(summary = "List invoices",
            description = "A page of stored invoices, filtered by recipient, status and expiry.")
    @ApiResponse(responseCode = "200", description = "The page")
    @ProblemResponses({VALIDATION_FAILED, NOT_FOUND})
    PageResponse<InvoiceResponse> list(
            @Parameter(description = "only this recipient's invoices (recipient id, hex)")
            @RequestParam(required = false) @Pattern(regexp = RecipientIds.PATTERN) String recipient,
            @Parameter(description = "only invoices in this status") @RequestParam(required = false)
            InvoiceStatus status,
            @Parameter(description = "only invoices expiring before this instant (ISO-8601, e.g. 2026-02-14T00:00:00Z)")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    @StorableInstant Instant expiringBefore,
            @Parameter(description = "zero-based page number") @RequestParam(defaultValue = "0")
            @Min(0) @Max(Paging.MAX_PAGE) int page,
            @Parameter(description = "page size") @RequestParam(defaultValue = Paging.DEFAULT_SIZE)
            @Min(1) @Max(Paging.MAX_SIZE) int size,
            @Parameter(description = "id, storedAt, expiresAt, status, slot, timesServed or lastServedAt, "
                    + "then ,asc or ,desc (e.g. storedAt,desc)")
            @RequestParam(defaultValue = "id,desc") @Pattern(regexp = SORT_PATTERN) String sort) {
        return queries.list(recipient == null ? null : RecipientIds.decode(recipient), status, expiringBefore,
                Paging.of(page, size, sort, SORT_ATTRIBUTES));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Show an invoice",
            description = "The stored invoice decoded: offer id, signing key, amount, description, issuer, quantity, "
                    + "features, times, each payment path, the offer as an lno1 string, and the bytes as hex.")
    @ApiResponse(responseCode = "200", description = "The invoice")
    @ProblemResponses({VALIDATION_FAILED, NOT_FOUND})
    InvoiceDetailResponse get(@Parameter(description = "invoice id", example = "42") @PathVariable @Min(1) long id) {
        return queries.detail(id);
    }

    @PostMapping("/{id}/approve")
    @Operation(summary = "Approve a pending invoice",
            description = "Makes a PENDING invoice ACTIVE (served to payers) and sends the recipient its "
                    + "StaticInvoicePersisted confirmation. Approving an ACTIVE invoice changes nothing.")
    @ApiResponse(responseCode = "200", description = "The approved invoice")
    @ProblemResponses({VALIDATION_FAILED, NOT_FOUND, INVALID_TRANSITION})
    InvoiceResponse approve(@Parameter(description = "invoice id", example = "42") @PathVariable @Min(1) long id,
                            Principal caller) {
        commands.approve(id, caller.getName());
        return queries.get(id);
    }

    @PostMapping(path = "/{id}/revoke", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Revoke an invoice",
            description = "Stops serving a PENDING or ACTIVE invoice at once. Revoking a REVOKED invoice changes "
                    + "nothing; an EXPIRED or SUPERSEDED one cannot be revoked.")
    @ApiResponse(responseCode = "200", description = "The revoked invoice")
    @ProblemResponses({VALIDATION_FAILED, NOT_FOUND, INVALID_TRANSITION})
    InvoiceResponse revoke(@Parameter(description = "invoice id", example = "42") @PathVariable @Min(1) long id,
                           @Valid @RequestBody RevokeInvoiceRequest request, Principal caller) {
        commands.revoke(id, request.reason(), caller.getName());
        return queries.get(id);
    }

    @GetMapping("/{id}/history")
    @Operation(summary = "Show an invoice's history", description = "Every status change of the invoice, oldest first.")
    @ApiResponse(responseCode = "200", description = "The status changes")
    @ProblemResponses({VALIDATION_FAILED, NOT_FOUND})
    List<HistoryEntryResponse> history(@Parameter(description = "invoice id", example = "42")
                                       @PathVariable @Min(1) long id) {
        return queries.history(id);
    }
}
