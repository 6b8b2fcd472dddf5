package io.staticinvoice.admin;

import io.staticinvoice.store.AuditEvent;
import io.staticinvoice.store.AuditKind;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** One entry of the audit log. */
@Schema(description = "An audit log entry")
record AuditEventResponse(
        @Schema(example = "1234") long id,
        @Schema(example = "2026-01-31T12:05:00Z") Instant occurredAt,
        @Schema(example = "INVOICE_APPROVED") AuditKind kind,
        @Schema(description = "API key name, or 'protocol'", example = "ops-alice") String actor,
        @Schema(description = "the recipient concerned, hex", example = RecipientIds.EXAMPLE, nullable = true)
        String recipientId,
        @Schema(description = "the invoice concerned", example = "42", nullable = true) Long invoiceId,
        @Schema(example = "slot 0, 1509 bytes, PENDING", nullable = true) String detail) {

    /** @param recipientIdHex the hex id of the event's recipient, null when it names none */
    static AuditEventResponse of(AuditEvent event, String recipientIdHex) {
        return new AuditEventResponse(event.getId(), event.getOccurredAt(), event.getKind(), event.getActor(),
                recipientIdHex, event.getInvoiceId().orElse(null), event.getDetail().orElse(null));
    }
}
