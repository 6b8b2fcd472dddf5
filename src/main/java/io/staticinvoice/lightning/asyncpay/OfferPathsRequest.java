package io.staticinvoice.lightning.asyncpay;

import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.codec.TlvStream;
import io.staticinvoice.lightning.onion.OnionMessageType;
import java.util.List;
import java.util.Set;

/**
 * Recipient to static invoice server: "give me blinded paths for an offer" (LDK 0.2
 * {@code OfferPathsRequest}, onion message type 75540). Field 0: {@code invoice_slot}, a u16 naming
 * which of the recipient's invoices the offer will serve.
 */
public record OfferPathsRequest(int invoiceSlot, List<TlvRecord> unknownOddRecords) implements AsyncPaymentsMessage {

    private static final long INVOICE_SLOT = 0;
    private static final Set<Long> KNOWN = Set.of(INVOICE_SLOT);

    public OfferPathsRequest {
        if (invoiceSlot < 0 || invoiceSlot > 0xffff) {
            throw new IllegalArgumentException("invoice slot " + invoiceSlot + " is not a u16");
        }
        unknownOddRecords = LengthPrefixedTlvStream.checkUnknownOdd(unknownOddRecords, KNOWN);
    }

    public OfferPathsRequest(int invoiceSlot) {
        this(invoiceSlot, List.of());
    }

    @Override
    public OnionMessageType type() {
        return OnionMessageType.OFFER_PATHS_REQUEST;
    }

    @Override
    public TlvStream fields() {
        return TlvStream.builder()
                .add(INVOICE_SLOT, new ByteWriter(2).u16(invoiceSlot).toByteArray())
                .addAll(unknownOddRecords)
                .build();
    }

    static OfferPathsRequest decode(byte[] value) throws DecodeException {
        TlvStream fields = LengthPrefixedTlvStream.decode(value, KNOWN, "offer_paths_request");
        TlvRecord slot = LengthPrefixedTlvStream.required(fields, INVOICE_SLOT, "invoice_slot");
        if (slot.length() != 2) {
            throw new DecodeException("invoice_slot must be 2 bytes, got " + slot.length());
        }
        return new OfferPathsRequest(slot.reader().u16(), LengthPrefixedTlvStream.unknownOdd(fields, KNOWN));
    }
}
