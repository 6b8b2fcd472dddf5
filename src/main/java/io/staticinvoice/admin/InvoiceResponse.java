package io.staticinvoice.admin;

import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.store.InvoiceStatus;
import io.staticinvoice.store.InvoiceSummary;
import io.staticinvoice.store.StoredInvoice;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A stored static invoice: where it is stored, its lifecycle, and the fields decoded when it was stored. */
@Schema(description = "A stored static invoice")
record InvoiceResponse(
        @Schema(example = "42") long id,
        @Schema(description = "the recipient's id, hex", example = RecipientIds.EXAMPLE) String recipientId,
        @Schema(description = "the recipient's invoice slot", example = "0") int slot,
        @Schema(example = "ACTIVE") InvoiceStatus status,
        @Schema(description = "offer id (BOLT 12 merkle root of the offer), hex",
                example = "8e4a3c1f0d2b6a5978e6f1d3c2b4a59687d0e1f2a3b4c5d6e7f8091a2b3c4d5e") String offerId,
        @Schema(description = "the invoice's signing public key, hex",
                example = "02eec7245d6b7d2ccb30380bfbe2a3648cd7a942653f5aa340edcea1f283686619") String signingPubkey,
        @Schema(description = "amount in msat (or in currency units when currency is set); null = any amount",
                example = "50000", nullable = true) Long amountMsat,
        @Schema(description = "ISO 4217 currency of the amount; null = bitcoin", example = "EUR", nullable = true)
        String currency,
        @Schema(example = "coffee", nullable = true) String description,
        @Schema(description = "number of blinded payment paths", example = "1") int paymentPathCount,
        @Schema(description = "invoice creation time", example = "2026-01-31T12:00:00Z") Instant createdAt,
        @Schema(description = "invoice expiry", example = "2026-02-14T12:00:00Z") Instant expiresAt,
        @Schema(description = "when the server stored it", example = "2026-01-31T12:00:01Z") Instant storedAt,
        @Schema(example = "2026-01-31T12:05:00Z", nullable = true) Instant approvedAt,
        @Schema(description = "when StaticInvoicePersisted was sent to the recipient",
                example = "2026-01-31T12:05:00Z", nullable = true) Instant confirmedAt,
        @Schema(example = "2026-02-01T09:30:00Z", nullable = true) Instant revokedAt,
        @Schema(example = "wallet reported lost", nullable = true) String revokeReason,
        @Schema(example = "2026-02-03T08:00:00Z", nullable = true) Instant supersededAt,
        @Schema(description = "times the invoice was returned to a payer", example = "7") long timesServed,
        @Schema(example = "2026-02-01T08:15:00Z", nullable = true) Instant lastServedAt) {

    /** Maps an invoice whose recipient is loaded (the caller's transaction is open). */
    static InvoiceResponse of(StoredInvoice invoice) {
        InvoiceSummary summary = invoice.getSummary();
        return new InvoiceResponse(invoice.getId(), Hex.encode(invoice.getRecipient().getRecipientId()),
                invoice.getSlot(), invoice.getStatus(), Hex.encode(summary.offerId()),
                Hex.encode(summary.signingPubkey()), summary.amountMsat(), summary.currency(), summary.description(),
                summary.paymentPathCount(), summary.createdAt(), summary.expiresAt(), invoice.getStoredAt(),
                invoice.getApprovedAt().orElse(null), invoice.getConfirmedAt().orElse(null),
                invoice.getRevokedAt().orElse(null), invoice.getRevokeReason().orElse(null),
                invoice.getSupersededAt().orElse(null), invoice.getServedCount(),
                invoice.getLastServedAt().orElse(null));
    }
}
