package io.staticinvoice.admin;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;

/** A stored invoice with its bytes and their decoding. */
@Schema(description = "A stored static invoice with its bytes decoded")
record InvoiceDetailResponse(
        @JsonUnwrapped InvoiceResponse invoice,
        @Schema(description = "the invoice decoded; null when its bytes do not decode")
        DecodedInvoiceResponse decoded,
        @Schema(description = "why the bytes do not decode; null when they do", nullable = true,
                example = "truncated: need 33 bytes, have 2") String decodeError,
        @Schema(description = "the invoice's TLV bytes as the recipient signed them, hex", example = "0e046ce6182d10fd...")
        String invoiceHex) {
}
