package io.staticinvoice.admin;

import io.staticinvoice.store.InvoiceStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;

/**
 * One sample of this replica's own meters, as {@link MeterHistory} takes it every
 * {@code sis.console.history-interval}. Rates are averages over the time since the sample before.
 *
 * @param at                 when it was taken
 * @param requestsPerSecond  protocol request outcomes per second ({@code sis.protocol.requests} by
 *                           {@code outcome}), only those that occurred
 * @param handlingMillis     percentiles of invoice_request handling ({@code sis.protocol.handling}),
 *                           {@code p50}, {@code p90}, {@code p99}, over the last two minutes;
 *                           empty when none was handled
 * @param peersConnected     peers connected to this replica ({@code sis.gateway.peers.connected})
 * @param mailboxSize        onion messages waiting in the mailbox, all replicas ({@code sis.gateway.mailbox.size})
 * @param dropsPerSecond     onion messages dropped per second by reason ({@code sis.gateway.drops}),
 *                           only those that occurred
 * @param invoicesByStatus   stored invoices by status, all replicas; empty when the database did not answer
 */
@Schema(description = "One sample of the server's own meters")
record MeterSample(
        @Schema(example = "2026-12-05T15:30:10Z") Instant at,
        @Schema(description = "protocol request outcomes per second", example = "{\"served\": 12.4, \"dropped.rate_limited\": 0.2}")
        Map<String, Double> requestsPerSecond,
        @Schema(description = "invoice_request handling time percentiles in milliseconds, over the last two minutes",
                example = "{\"p50\": 1.8, \"p90\": 3.1, \"p99\": 7.9}")
        Map<String, Double> handlingMillis,
        @Schema(description = "peers connected to this replica", example = "42") long peersConnected,
        @Schema(description = "onion messages waiting in the mailbox (all replicas)", example = "120") long mailboxSize,
        @Schema(description = "onion messages dropped per second, by reason", example = "{\"rate_limited\": 0.1}")
        Map<String, Double> dropsPerSecond,
        @Schema(description = "stored invoices by status (all replicas); empty when the database did not answer",
                example = "{\"PENDING\": 2, \"ACTIVE\": 120, \"REVOKED\": 3, \"EXPIRED\": 40, \"SUPERSEDED\": 310}")
        Map<InvoiceStatus, Long> invoicesByStatus) {
}
