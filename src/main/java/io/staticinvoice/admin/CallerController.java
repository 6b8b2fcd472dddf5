package io.staticinvoice.admin;

import io.staticinvoice.config.AdminProperties.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/me}: the name and role of the presented API key, so a client such as the
 * operator console offers only what the key may do.
 */
@RestController
@RequestMapping(path = "/api/v1/me", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Caller", description = "The presented API key")
class CallerController {

    /** The presented API key: the actor it is recorded as, and its role. */
    @Schema(description = "The presented API key")
    record CallerResponse(@Schema(description = "the key's name, the actor in the audit log", example = "ops-alice")
                          String name,
                          @Schema(example = "OPERATOR") Role role) {
    }

    @GetMapping
    @Operation(summary = "Show the presented key",
            description = "The name and role of the API key this request presents: VIEWER may read, OPERATOR may "
                    + "also change.")
    @ApiResponse(responseCode = "200", description = "The key's name and role")
    CallerResponse me(Principal caller) {
        // The security chain admits only API keys to /api/.
        ApiKeyAuthentication key = (ApiKeyAuthentication) caller;
        return new CallerResponse(key.getName(), key.role());
    }
}
