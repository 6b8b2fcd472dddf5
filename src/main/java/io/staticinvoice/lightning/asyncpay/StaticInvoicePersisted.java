package io.staticinvoice.lightning.asyncpay;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.codec.TlvStream;
import io.staticinvoice.lightning.onion.OnionMessageType;
import java.util.List;
import java.util.Set;

/**
 * Static invoice server to recipient: "your static invoice is stored and will be served" (LDK 0.2
 * {@code StaticInvoicePersisted}, onion message type 75546), sent on the reply path of the
 * {@link ServeStaticInvoice} once the invoice is durably stored. It has no fields.
 */
public record StaticInvoicePersisted(List<TlvRecord> unknownOddRecords) implements AsyncPaymentsMessage {

    public StaticInvoicePersisted {
        unknownOddRecords = LengthPrefixedTlvStream.checkUnknownOdd(unknownOddRecords, Set.of());
    }

    public StaticInvoicePersisted() {
        this(List.of());
    }

    @Override
    public OnionMessageType type() {
        return OnionMessageType.STATIC_INVOICE_PERSISTED;
    }

    @Override
    public TlvStream fields() {
        return TlvStream.builder().addAll(unknownOddRecords).build();
    }

    static StaticInvoicePersisted decode(byte[] value) throws DecodeException {
        return new StaticInvoicePersisted(LengthPrefixedTlvStream.decode(value, Set.of(), "static_invoice_persisted").records());
    }
}
