package io.staticinvoice.lightning.onion;

import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.CollectionLength;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.crypto.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A blinded path for onion messages (BOLT 4 "Onion Messages" and "Route Blinding"; BOLT 12
 * {@code offer_paths}): rust-lightning's {@code BlindedMessagePath}
 * ({@code lightning/src/blinded_path/message.rs}), serialized exactly as its {@link BlindedPath}.
 * Lists come in two forms: BOLT 12 TLV values concatenate paths up to the end of the value
 * ({@link #readAll}), and LDK's {@code Vec<BlindedMessagePath>} - the hex operators give to LDK's
 * {@code set_paths_to_static_invoice_server} - prefixes them with a {@link CollectionLength}
 * count ({@link #decodeList}).
 */
public record BlindedMessagePath(BlindedPath path) {

    public BlindedMessagePath {
        Objects.requireNonNull(path, "path");
    }

    /** A message path from its parts. */
    public static BlindedMessagePath of(IntroductionNode introductionNode, PublicKey pathKey, List<BlindedHop> hops) {
        return new BlindedMessagePath(new BlindedPath(introductionNode, pathKey, hops));
    }

    /** The unblinded first node. */
    public IntroductionNode introductionNode() {
        return path.introductionNode();
    }

    /** The path key (first blinding point) the introduction node uses to decrypt its payload. */
    public PublicKey pathKey() {
        return path.pathKey();
    }

    /** The blinded hops, at least one. */
    public List<BlindedHop> hops() {
        return path.hops();
    }

    /** Reads one path. */
    public static BlindedMessagePath read(ByteReader reader) throws DecodeException {
        return new BlindedMessagePath(BlindedPath.read(reader));
    }

    /** Writes this path. */
    public void write(ByteWriter writer) {
        path.write(writer);
    }

    /** Reads paths until the reader is exhausted (BOLT 12 {@code ...*blinded_path}); may be empty. */
    public static List<BlindedMessagePath> readAll(ByteReader reader) throws DecodeException {
        List<BlindedMessagePath> paths = new ArrayList<>();
        while (reader.hasRemaining()) {
            paths.add(read(reader));
        }
        return List.copyOf(paths);
    }

    /** Writes paths back to back, without a count (BOLT 12 {@code ...*blinded_path}). */
    public static void writeAll(ByteWriter writer, List<BlindedMessagePath> paths) {
        for (BlindedMessagePath path : paths) {
            path.write(writer);
        }
    }

    /** Decodes LDK's {@code Vec<BlindedMessagePath>}: a count, then the paths, and nothing after. */
    public static List<BlindedMessagePath> decodeList(byte[] bytes) throws DecodeException {
        ByteReader reader = new ByteReader(bytes);
        long count = CollectionLength.read(reader);
        List<BlindedMessagePath> paths = new ArrayList<>();
        for (long i = 0; Long.compareUnsigned(i, count) < 0; i++) {
            paths.add(read(reader));
        }
        if (reader.hasRemaining()) {
            throw new DecodeException(reader.remaining() + " trailing bytes after " + paths.size() + " blinded paths");
        }
        return List.copyOf(paths);
    }

    /** Encodes LDK's {@code Vec<BlindedMessagePath>}. */
    public static byte[] encodeList(List<BlindedMessagePath> paths) {
        ByteWriter writer = new ByteWriter();
        CollectionLength.write(writer, paths.size());
        writeAll(writer, paths);
        return writer.toByteArray();
    }
}
