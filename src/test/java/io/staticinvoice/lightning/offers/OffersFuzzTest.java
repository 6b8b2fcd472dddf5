package io.staticinvoice.lightning.offers;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.staticinvoice.lightning.codec.DecodeException;
import java.nio.charset.StandardCharsets;

/**
 * Jazzer targets for BOLT 12 as peers and operators send it: offers (TLV bytes and {@code lno}
 * strings), invoice_requests (bytes, with their signature checked, and {@code lnr} strings) and
 * static invoices (bytes, signature checked). Only {@link DecodeException} may come out.
 */
class OffersFuzzTest {

    @FuzzTest
    void offer(byte[] input) {
        try {
            Offer.parse(input);
        } catch (DecodeException expected) {
            // the only failure allowed
        }
        try {
            Offer.decode(new String(input, StandardCharsets.UTF_8));
        } catch (DecodeException expected) {
            // the only failure allowed
        }
    }

    @FuzzTest
    void invoiceRequest(byte[] input) {
        try {
            InvoiceRequest.parse(input).verifySignature();
        } catch (DecodeException expected) {
            // the only failure allowed
        }
        try {
            InvoiceRequest.decode(new String(input, StandardCharsets.UTF_8));
        } catch (DecodeException expected) {
            // the only failure allowed
        }
    }

    @FuzzTest
    void staticInvoice(byte[] input) {
        try {
            StaticInvoice.parse(input);
        } catch (DecodeException expected) {
            // the only failure allowed
        }
        try {
            StaticInvoice.parseUnverified(input).verifySignature();
        } catch (DecodeException expected) {
            // the only failure allowed
        }
    }
}
