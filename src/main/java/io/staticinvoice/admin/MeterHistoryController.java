package io.staticinvoice.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/stats/history}: the last hour of this replica's own meters, for the console's live charts. */
@RestController
@RequestMapping(path = "/api/v1/stats/history", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Stats", description = "Operating figures")
class MeterHistoryController {

    private final MeterHistory history;

    MeterHistoryController(MeterHistory history) {
        this.history = history;
    }

    @GetMapping
    @Operation(summary = "Show the last hour of meters",
            description = "Samples of this replica's own meters taken every sis.console.history-interval and kept "
                    + "in memory for one hour, oldest first: protocol request outcomes per second, invoice_request "
                    + "handling time percentiles, peers connected, mailbox size, onion message drops per second by "
                    + "reason, and stored invoices by status (all replicas). A restart starts an empty history.")
    @ApiResponse(responseCode = "200", description = "The samples")
    MeterHistoryResponse history() {
        return history.lastHour();
    }
}
