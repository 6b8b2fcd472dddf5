package io.staticinvoice.admin;

import io.staticinvoice.store.InvoiceStatus;
import io.staticinvoice.store.RecipientStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * Operating figures: stored invoices and recipients by status (all replicas, from the database)
 * and protocol request outcomes over the last hour (this replica).
 */
@Schema(description = "Invoices and recipients by status; protocol requests over the last hour")
record StatsResponse(
        @Schema(example = "{\"PENDING\": 2, \"ACTIVE\": 120, \"REVOKED\": 3, \"EXPIRED\": 40, \"SUPERSEDED\": 310}")
        Map<InvoiceStatus, Long> invoicesByStatus,
        @Schema(example = "{\"ACTIVE\": 60, \"REVOKED\": 2}") Map<RecipientStatus, Long> recipientsByStatus,
        RequestsLastHour requestsLastHour) {

    /**
     * Protocol request outcomes on the answering replica over the last 60 minutes.
     *
     * @param served          invoice_requests answered with a static invoice
     * @param dropped         requests dropped, all reasons
     * @param droppedByReason dropped requests by reason
     * @param otherOutcomes   any other recorded outcome
     */
    @Schema(description = "Protocol request outcomes on this replica over the last hour")
    record RequestsLastHour(@Schema(example = "1520") long served,
                            @Schema(example = "12") long dropped,
                            @Schema(example = "{\"no_reply_path\": 2, \"rate_limited\": 10}")
                            Map<String, Long> droppedByReason,
                            @Schema(example = "{}") Map<String, Long> otherOutcomes) {
    }
}
