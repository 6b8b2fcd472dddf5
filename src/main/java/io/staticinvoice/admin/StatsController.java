package io.staticinvoice.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/stats}: invoices by status and the protocol requests of the last hour. */
@RestController
@RequestMapping(path = "/api/v1/stats", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Stats", description = "Operating figures")
class StatsController {

    private final StatsQueries queries;

    StatsController(StatsQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    @Operation(summary = "Show operating figures",
            description = "Invoices and recipients by status (all replicas), and the protocol requests this "
                    + "replica served and dropped, by reason, over the last hour.")
    @ApiResponse(responseCode = "200", description = "The figures")
    StatsResponse stats() {
        return queries.stats();
    }
}
