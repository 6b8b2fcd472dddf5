package io.staticinvoice.admin;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * One invoice slot of a recipient in use: the offer paths the server answered its
 * OfferPathsRequest with, and the invoices stored there: the one served and, in manual approval
 * mode, a newer one waiting for approval (DESIGN.md steps 2-3).
 */
@Schema(description = "An invoice slot in use")
record SlotResponse(
        @Schema(example = "0") int slot,
        @Schema(description = "unexpired offer paths issued for this slot", example = "2") long offerPaths,
        @Schema(description = "when the newest of them expires", example = "2027-01-31T12:00:00Z", nullable = true)
        Instant offerPathsExpireAt,
        @Schema(description = "the invoice served for the slot; null = none")
        InvoiceResponse activeInvoice,
        @Schema(description = "an invoice waiting for approval (manual mode); it replaces the active one once "
                + "approved; null = none")
        InvoiceResponse pendingInvoice) {
}
