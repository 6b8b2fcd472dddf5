package io.staticinvoice.admin;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/v1/invoices/{id}/revoke}. */
@Schema(description = "Why the invoice is revoked")
record RevokeInvoiceRequest(@Schema(description = "kept in the invoice's history and the audit log",
                                    example = "wallet reported lost")
                            @NotBlank @Size(max = 500)
                            @Pattern(regexp = NoNul.PATTERN, message = NoNul.MESSAGE) String reason) {
}
