package io.staticinvoice.admin;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A recipient with the slots it uses and the invoice current in each. */
@Schema(description = "A recipient with its slots and current invoices")
record RecipientDetailResponse(@JsonUnwrapped RecipientResponse recipient,
                               @Schema(description = "slots with issued offer paths or a current invoice, by number")
                               List<SlotResponse> slots) {
}
