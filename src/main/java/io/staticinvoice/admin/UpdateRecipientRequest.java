package io.staticinvoice.admin;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.staticinvoice.server.RecipientService.RecipientUpdate;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of {@code PATCH /api/v1/recipients/{recipientId}}: the fields present are changed, the others kept. */
@Schema(description = "Changes to a recipient: fields present are changed, absent or null ones kept")
record UpdateRecipientRequest(
        @Schema(example = "bob's tablet", nullable = true) @Size(min = 1, max = 200)
        @Pattern(regexp = NoNul.PATTERN, message = NoNul.MESSAGE) String label,
        @Schema(example = "8", nullable = true) @Min(1) @Max(65536) Integer maxSlots,
        @Schema(description = "invoice_request token bucket for this recipient; absent = keep")
        @Valid RateLimitSetting requestRate,
        @Schema(description = "OfferPathsRequest/ServeStaticInvoice token bucket for this recipient; absent = keep")
        @Valid RateLimitSetting storeRate) {

    @JsonIgnore
    @Schema(hidden = true)
    @AssertTrue(message = "name at least one of label, maxSlots, requestRate, storeRate")
    boolean isAnyChange() {
        return label != null || maxSlots != null || requestRate != null || storeRate != null;
    }

    RecipientUpdate toCommand() {
        return new RecipientUpdate(label, maxSlots, requestRate == null ? null : requestRate.toOverride(),
                storeRate == null ? null : storeRate.toOverride());
    }
}
