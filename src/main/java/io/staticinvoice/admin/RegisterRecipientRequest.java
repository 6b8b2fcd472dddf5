package io.staticinvoice.admin;

import io.staticinvoice.server.RecipientService.RegistrationRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;

/** The body of {@code POST /api/v1/recipients}; every field is optional. */
@Schema(description = "Registration of a wallet; every field is optional")
record RegisterRecipientRequest(
        @Schema(description = "recipient id, hex (1 to 1024 bytes); omitted = 32 random bytes",
                example = RecipientIds.EXAMPLE, nullable = true)
        @Pattern(regexp = RecipientIds.PATTERN, message = "must be 1 to 1024 bytes of hex") String recipientId,
        @Schema(description = "operator's label", example = "alice's phone", nullable = true)
        @Size(min = 1, max = 200)
        @Pattern(regexp = NoNul.PATTERN, message = NoNul.MESSAGE) String label,
        @Schema(description = "lifetime of the server paths; omitted = sis.recipients.paths-relative-expiry",
                example = "2592000", nullable = true)
        @Min(60) @Max(10L * 365 * 24 * 3600) Long pathsRelativeExpirySeconds,
        @Schema(description = "invoice slots the wallet may fill; omitted = sis.recipients.default-max-slots",
                example = "4", nullable = true)
        @Min(1) @Max(65536) Integer maxSlots) {

    RegistrationRequest toCommand() {
        return new RegistrationRequest(recipientId == null ? null : RecipientIds.decode(recipientId), label,
                pathsRelativeExpirySeconds == null ? null : Duration.ofSeconds(pathsRelativeExpirySeconds), maxSlots);
    }
}
