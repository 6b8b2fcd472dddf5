package io.staticinvoice.admin;

import static io.staticinvoice.admin.ProblemType.NOT_FOUND;
import static io.staticinvoice.admin.ProblemType.RECIPIENT_EXISTS;
import static io.staticinvoice.admin.ProblemType.STATE_CONFLICT;
import static io.staticinvoice.admin.ProblemType.VALIDATION_FAILED;

import io.staticinvoice.server.RecipientService;
import io.staticinvoice.server.RecipientService.Registration;
import io.staticinvoice.store.RecipientStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.security.Principal;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/recipients}: register wallets, list and inspect them, change, revoke, re-issue their paths. */
@RestController
@RequestMapping(path = "/api/v1/recipients", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Recipients", description = "Wallets the server stores and serves static invoices for")
class RecipientController {

    private static final String SORT_PATTERN = "^(createdAt|updatedAt|label|status)(,(asc|desc))?$";
    private static final Map<String, String> SORT_ATTRIBUTES = Map.of(
            "createdAt", "createdAt", "updatedAt", "updatedAt", "label", "label", "status", "status");

    private final RecipientService commands;
    private final RecipientQueries queries;

    RecipientController(RecipientService commands, RecipientQueries queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Register a wallet",
            description = "Registers a recipient and returns the server paths (hex) to configure its wallet with, "
                    + "e.g. ldk-node's static_invoice_server_paths. Omitted fields take the server defaults.")
    @ApiResponse(responseCode = "201", description = "Registered; the Location header names the new recipient")
    @ProblemResponses({VALIDATION_FAILED, RECIPIENT_EXISTS})
    ResponseEntity<RegistrationResponse> register(@Valid @RequestBody RegisterRecipientRequest request,
                                                  Principal caller) {
        Registration registration = commands.register(request.toCommand(), caller.getName());
        RegistrationResponse response = RegistrationResponse.of(registration,
                queries.summary(registration.recipient().getRecipientId()));
        return ResponseEntity.created(URI.create("/api/v1/recipients/" + response.recipientId())).body(response);
    }

    @GetMapping
    @Operation(summary = "List recipients", description = "A page of recipients, filtered by status and label.")
    @ApiResponse(responseCode = "200", description = "The page")
    @ProblemResponses(VALIDATION_FAILED)
    PageResponse<RecipientResponse> list(
            @Parameter(description = "only recipients in this status") @RequestParam(required = false)
            RecipientStatus status,
            @Parameter(description = "only recipients whose label contains this text, ignoring case")
            @RequestParam(required = false) @Size(min = 1, max = 200)
                    @Pattern(regexp = NoNul.PATTERN, message = NoNul.MESSAGE) String label,
            @Parameter(description = "zero-based page number") @RequestParam(defaultValue = "0")
            @Min(0) @Max(Paging.MAX_PAGE) int page,
            @Parameter(description = "page size") @RequestParam(defaultValue = Paging.DEFAULT_SIZE)
            @Min(1) @Max(Paging.MAX_SIZE) int size,
            @Parameter(description = "createdAt, updatedAt, label or status, then ,asc or ,desc")
            @RequestParam(defaultValue = "createdAt,desc")
            @Pattern(regexp = SORT_PATTERN) String sort) {
        return queries.list(status, label, Paging.of(page, size, sort, SORT_ATTRIBUTES));
    }

    @GetMapping("/{recipientId}")
    @Operation(summary = "Show a recipient",
            description = "The recipient with each slot it uses: issued offer paths and the current invoice.")
    @ApiResponse(responseCode = "200", description = "The recipient")
    @ProblemResponses({VALIDATION_FAILED, NOT_FOUND})
    RecipientDetailResponse get(
            @Parameter(description = "recipient id, hex", example = RecipientIds.EXAMPLE)
            @PathVariable @Pattern(regexp = RecipientIds.PATTERN) String recipientId) {
        return queries.get(RecipientIds.decode(recipientId));
    }

    @PatchMapping(path = "/{recipientId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Change a recipient",
            description = "Changes the label, the number of invoice slots, or the rate-limit overrides; "
                    + "fields left out stay as they are.")
    @ApiResponse(responseCode = "200", description = "The changed recipient")
    @ProblemResponses({VALIDATION_FAILED, NOT_FOUND, STATE_CONFLICT})
    RecipientResponse update(
            @Parameter(description = "recipient id, hex", example = RecipientIds.EXAMPLE)
            @PathVariable @Pattern(regexp = RecipientIds.PATTERN) String recipientId,
            @Valid @RequestBody UpdateRecipientRequest request, Principal caller) {
        byte[] id = RecipientIds.decode(recipientId);
        commands.update(id, request.toCommand(), caller.getName());
        return queries.summary(id);
    }

    @PostMapping("/{recipientId}/revoke")
    @Operation(summary = "Revoke a recipient",
            description = "Revokes the recipient and all its current invoices; its paths stop working at once. "
                    + "Revoking a revoked recipient changes nothing.")
    @ApiResponse(responseCode = "200", description = "The revoked recipient")
    @ProblemResponses({VALIDATION_FAILED, NOT_FOUND})
    RecipientResponse revoke(
            @Parameter(description = "recipient id, hex", example = RecipientIds.EXAMPLE)
            @PathVariable @Pattern(regexp = RecipientIds.PATTERN) String recipientId,
            Principal caller) {
        byte[] id = RecipientIds.decode(recipientId);
        commands.revoke(id, caller.getName());
        return queries.summary(id);
    }

    @PostMapping("/{recipientId}/paths")
    @Operation(summary = "Issue fresh server paths",
            description = "Issues new server paths for an active recipient, e.g. when the old ones near expiry.")
    @ApiResponse(responseCode = "200", description = "The new paths")
    @ProblemResponses({VALIDATION_FAILED, NOT_FOUND, STATE_CONFLICT})
    RegistrationResponse issuePaths(
            @Parameter(description = "recipient id, hex", example = RecipientIds.EXAMPLE)
            @PathVariable @Pattern(regexp = RecipientIds.PATTERN) String recipientId,
            Principal caller) {
        byte[] id = RecipientIds.decode(recipientId);
        return RegistrationResponse.of(commands.issuePaths(id, caller.getName()), queries.summary(id));
    }
}
