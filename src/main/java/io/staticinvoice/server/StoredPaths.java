package io.staticinvoice.server;

import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.onion.BlindedMessagePath;

/** The column form of a blinded message path kept in the database: LDK's serialization of one path. */
final class StoredPaths {

    private StoredPaths() {
    }

    static byte[] encode(BlindedMessagePath path) {
        ByteWriter writer = new ByteWriter();
        path.write(writer);
        return writer.toByteArray();
    }

    /** Decodes a stored path; the bytes were validated before storing, so failure means corruption. */
    static BlindedMessagePath decode(byte[] bytes) {
        try {
            ByteReader reader = new ByteReader(bytes);
            BlindedMessagePath path = BlindedMessagePath.read(reader);
            if (reader.hasRemaining()) {
                throw new DecodeException(reader.remaining() + " trailing bytes");
            }
            return path;
        } catch (DecodeException e) {
            throw new IllegalStateException("stored blinded path is corrupt: " + e.getMessage(), e);
        }
    }
}
