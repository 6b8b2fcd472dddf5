package io.staticinvoice.lightning.offers;

import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.CollectionLength;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import java.util.Arrays;

/**
 * An on-chain fallback address of an invoice ({@code fallback_address} in
 * {@code invoice_fallbacks}, BOLT 12 "Invoices"; rust-lightning {@code FallbackAddress} in
 * {@code lightning/src/offers/invoice.rs}): a witness version byte and a u16-length-prefixed
 * witness program. Carried as received; payers decide which they can use.
 */
public record FallbackAddress(int version, byte[] program) {

    public FallbackAddress {
        if (version < 0 || version > 0xff) {
            throw new IllegalArgumentException("fallback version is a byte: " + version);
        }
        program = program.clone();
    }

    /** Reads one fallback address. */
    static FallbackAddress read(ByteReader reader) throws DecodeException {
        int version = reader.u8();
        return new FallbackAddress(version, CollectionLength.readBytes(reader));
    }

    /** Writes this fallback address. */
    void write(ByteWriter writer) {
        writer.u8(version);
        CollectionLength.writeBytes(writer, program);
    }

    @Override
    public byte[] program() {
        return program.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FallbackAddress that && version == that.version && Arrays.equals(program, that.program);
    }

    @Override
    public int hashCode() {
        return 31 * version + Arrays.hashCode(program);
    }

    @Override
    public String toString() {
        return "FallbackAddress[version=" + version + ", program=" + Hex.encode(program) + "]";
    }
}
