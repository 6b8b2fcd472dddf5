package io.staticinvoice.lightning.asyncpay;

import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.codec.TlvStream;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.onion.OnionMessageType;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Recipient to static invoice server: "serve this static invoice for me" (LDK 0.2
 * {@code ServeStaticInvoice}, onion message type 75544). Field 0: the BOLT 12 static invoice,
 * kept here as its opaque TLV bytes (the server parses it with the offers package); field 2: the
 * {@code forward_invoice_request_path} over which the server passes payers' invoice requests on.
 */
public record ServeStaticInvoice(byte[] invoice, BlindedMessagePath forwardInvoiceRequestPath,
        List<TlvRecord> unknownOddRecords) implements AsyncPaymentsMessage {

    private static final long INVOICE = 0;
    private static final long FORWARD_INVOICE_REQUEST_PATH = 2;
    private static final Set<Long> KNOWN = Set.of(INVOICE, FORWARD_INVOICE_REQUEST_PATH);

    public ServeStaticInvoice {
        if (invoice.length == 0) {
            throw new IllegalArgumentException("empty invoice");
        }
        invoice = invoice.clone();
        Objects.requireNonNull(forwardInvoiceRequestPath, "forwardInvoiceRequestPath");
        unknownOddRecords = LengthPrefixedTlvStream.checkUnknownOdd(unknownOddRecords, KNOWN);
    }

    public ServeStaticInvoice(byte[] invoice, BlindedMessagePath forwardInvoiceRequestPath) {
        this(invoice, forwardInvoiceRequestPath, List.of());
    }

    /** A copy of the static invoice's bytes. */
    @Override
    public byte[] invoice() {
        return invoice.clone();
    }

    @Override
    public OnionMessageType type() {
        return OnionMessageType.SERVE_STATIC_INVOICE;
    }

    @Override
    public TlvStream fields() {
        ByteWriter path = new ByteWriter();
        forwardInvoiceRequestPath.write(path);
        return TlvStream.builder()
                .add(INVOICE, invoice)
                .add(FORWARD_INVOICE_REQUEST_PATH, path.toByteArray())
                .addAll(unknownOddRecords)
                .build();
    }

    static ServeStaticInvoice decode(byte[] value) throws DecodeException {
        TlvStream fields = LengthPrefixedTlvStream.decode(value, KNOWN, "serve_static_invoice");
        byte[] invoice = LengthPrefixedTlvStream.required(fields, INVOICE, "invoice").value();
        if (invoice.length == 0) {
            throw new DecodeException("serve_static_invoice has an empty invoice");
        }
        ByteReader reader = LengthPrefixedTlvStream
                .required(fields, FORWARD_INVOICE_REQUEST_PATH, "forward_invoice_request_path").reader();
        BlindedMessagePath path = BlindedMessagePath.read(reader);
        if (reader.hasRemaining()) {
            throw new DecodeException("forward_invoice_request_path has " + reader.remaining() + " trailing bytes");
        }
        return new ServeStaticInvoice(invoice, path, LengthPrefixedTlvStream.unknownOdd(fields, KNOWN));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServeStaticInvoice that && Arrays.equals(invoice, that.invoice)
                && forwardInvoiceRequestPath.equals(that.forwardInvoiceRequestPath)
                && unknownOddRecords.equals(that.unknownOddRecords);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(invoice), forwardInvoiceRequestPath, unknownOddRecords);
    }

    @Override
    public String toString() {
        return "ServeStaticInvoice[invoice=" + invoice.length + " bytes, forwardInvoiceRequestPath="
                + forwardInvoiceRequestPath + ", unknownOdd=" + unknownOddRecords + "]";
    }
}
