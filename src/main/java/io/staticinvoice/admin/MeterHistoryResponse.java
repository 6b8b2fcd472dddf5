package io.staticinvoice.admin;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The last hour of this replica's meters, oldest sample first, for the console's live charts.
 *
 * @param intervalSeconds {@code sis.console.history-interval}: the time between samples
 * @param samples         at most one hour of samples, oldest first
 */
@Schema(description = "The last hour of this replica's own meters, oldest sample first")
record MeterHistoryResponse(@Schema(example = "10") long intervalSeconds, List<MeterSample> samples) {
}
