package io.staticinvoice.admin;

import io.staticinvoice.store.InvoiceHistoryEntry;
import io.staticinvoice.store.InvoiceStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** One status change of a stored invoice. */
@Schema(description = "A status change of an invoice")
record HistoryEntryResponse(
        @Schema(description = "null for the first entry (the invoice was stored)", example = "PENDING",
                nullable = true) InvoiceStatus fromStatus,
        @Schema(example = "ACTIVE") InvoiceStatus toStatus,
        @Schema(example = "2026-01-31T12:05:00Z") Instant changedAt,
        @Schema(description = "API key name, or 'protocol' for changes the protocol made", example = "ops-alice")
        String actor,
        @Schema(example = "wallet reported lost", nullable = true) String reason) {

    static HistoryEntryResponse of(InvoiceHistoryEntry entry) {
        return new HistoryEntryResponse(entry.getFromStatus().orElse(null), entry.getToStatus(), entry.getChangedAt(),
                entry.getActor(), entry.getReason().orElse(null));
    }
}
