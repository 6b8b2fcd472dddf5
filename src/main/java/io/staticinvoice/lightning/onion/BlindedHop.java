package io.staticinvoice.lightning.onion;

import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.CollectionLength;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.crypto.PublicKey;
import java.util.Arrays;
import java.util.Objects;

/**
 * One hop of a blinded path (BOLT 4 "Route Blinding", {@code onionmsg_hop} in BOLT 12): the hop's
 * blinded node id and the payload encrypted for it. Encoded as rust-lightning's {@code BlindedHop}
 * ({@code lightning/src/blinded_path/mod.rs}): the 33-byte blinded node id, then the payload as
 * a length-prefixed byte vector (u16 length, see {@link CollectionLength}).
 */
public record BlindedHop(PublicKey blindedNodeId, byte[] encryptedPayload) {

    public BlindedHop {
        Objects.requireNonNull(blindedNodeId, "blindedNodeId");
        encryptedPayload = encryptedPayload.clone();
    }

    /** Reads one hop. */
    public static BlindedHop read(ByteReader reader) throws DecodeException {
        PublicKey blindedNodeId = reader.publicKey();
        return new BlindedHop(blindedNodeId, CollectionLength.readBytes(reader));
    }

    /** Writes this hop. */
    public void write(ByteWriter writer) {
        writer.publicKey(blindedNodeId);
        CollectionLength.writeBytes(writer, encryptedPayload);
    }

    @Override
    public byte[] encryptedPayload() {
        return encryptedPayload.clone();
    }

    /** The length of the encrypted payload in bytes. */
    public int payloadLength() {
        return encryptedPayload.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BlindedHop that && blindedNodeId.equals(that.blindedNodeId)
                && Arrays.equals(encryptedPayload, that.encryptedPayload);
    }

    @Override
    public int hashCode() {
        return 31 * blindedNodeId.hashCode() + Arrays.hashCode(encryptedPayload);
    }

    @Override
    public String toString() {
        return "BlindedHop[blindedNodeId=" + blindedNodeId + ", encryptedPayload=" + Hex.encode(encryptedPayload) + "]";
    }
}
