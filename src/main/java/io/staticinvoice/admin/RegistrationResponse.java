package io.staticinvoice.admin;

import io.staticinvoice.server.RecipientService.Registration;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * What a registration or a path refresh hands the operator: the server paths to configure the
 * wallet with (LDK's serialization of {@code Vec<BlindedMessagePath>}, the argument of
 * {@code set_paths_to_static_invoice_server} / ldk-node's {@code static_invoice_server_paths}).
 */
@Schema(description = "Server paths to configure the wallet with")
record RegistrationResponse(
        @Schema(description = "recipient id, hex", example = RecipientIds.EXAMPLE) String recipientId,
        @Schema(description = "the server's blinded message paths, hex: LDK's Vec<BlindedMessagePath> encoding",
                example = "01000295b9d0...") String serverPaths,
        @Schema(description = "when these paths expire; null = never", example = "2026-03-02T12:00:00Z",
                nullable = true) Instant pathsExpireAt,
        RecipientResponse recipient) {

    /**
     * @param registration what the service issued
     * @param recipient    the recipient as committed (its times as the database keeps them)
     */
    static RegistrationResponse of(Registration registration, RecipientResponse recipient) {
        return new RegistrationResponse(recipient.recipientId(), registration.serverPathsHex(),
                recipient.pathsExpireAt(), recipient);
    }
}
