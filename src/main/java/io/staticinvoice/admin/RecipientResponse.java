package io.staticinvoice.admin;

import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.store.Recipient;
import io.staticinvoice.store.RecipientStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.Instant;

/** A registered recipient (wallet) as the admin API shows it. */
@Schema(description = "A registered recipient (wallet)")
record RecipientResponse(
        @Schema(description = "recipient id, hex", example = RecipientIds.EXAMPLE) String recipientId,
        @Schema(description = "operator's label", example = "alice's phone", nullable = true) String label,
        @Schema(example = "ACTIVE") RecipientStatus status,
        @Schema(description = "invoice slots the recipient may fill", example = "10") int maxSlots,
        @Schema(description = "lifetime of newly issued server paths; null = they do not expire",
                example = "2592000", nullable = true) Long pathsRelativeExpirySeconds,
        @Schema(description = "when the last issued server paths expire; null = never",
                example = "2026-12-31T12:00:00Z", nullable = true) Instant pathsExpireAt,
        @Schema(description = "invoice_request rate override; null = server default")
        RateLimitSetting requestRate,
        @Schema(description = "OfferPathsRequest/ServeStaticInvoice rate override; null = server default")
        RateLimitSetting storeRate,
        @Schema(example = "2026-01-31T12:00:00Z") Instant createdAt,
        @Schema(example = "2026-01-31T12:00:00Z") Instant updatedAt,
        @Schema(example = "2026-02-01T09:30:00Z", nullable = true) Instant revokedAt) {

    static RecipientResponse of(Recipient recipient) {
        return new RecipientResponse(Hex.encode(recipient.getRecipientId()), recipient.getLabel(),
                recipient.getStatus(), recipient.getMaxSlots(),
                recipient.getPathsRelativeExpiry().map(Duration::toSeconds).orElse(null),
                recipient.getPathsExpireAt().orElse(null),
                recipient.getRequestRateOverride().map(RateLimitSetting::of).orElse(null),
                recipient.getStoreRateOverride().map(RateLimitSetting::of).orElse(null),
                recipient.getCreatedAt(), recipient.getUpdatedAt(), recipient.getRevokedAt().orElse(null));
    }
}
