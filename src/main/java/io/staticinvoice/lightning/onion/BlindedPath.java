package io.staticinvoice.lightning.onion;

import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.crypto.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The route blinding structure shared by message and payment paths (BOLT 4 "Route Blinding",
 * {@code blinded_path} in BOLT 12): the unblinded introduction node, the path key (first blinding
 * point, {@code E_0}) and one or more blinded hops. Encoded as rust-lightning's {@code BlindedPath}
 * ({@code lightning/src/blinded_path/mod.rs}): introduction node, 33-byte path key, u8 hop count
 * (at least 1), then the hops.
 */
public record BlindedPath(IntroductionNode introductionNode, PublicKey pathKey, List<BlindedHop> hops) {

    /** A path has at most 255 hops: the count is a single byte. */
    public static final int MAX_HOPS = 255;

    public BlindedPath {
        Objects.requireNonNull(introductionNode, "introductionNode");
        Objects.requireNonNull(pathKey, "pathKey");
        hops = List.copyOf(hops);
        if (hops.isEmpty() || hops.size() > MAX_HOPS) {
            throw new IllegalArgumentException("a blinded path has 1.." + MAX_HOPS + " hops, got " + hops.size());
        }
    }

    /** Reads one path. */
    public static BlindedPath read(ByteReader reader) throws DecodeException {
        IntroductionNode introductionNode = IntroductionNode.read(reader);
        PublicKey pathKey = reader.publicKey();
        int hopCount = reader.u8();
        if (hopCount == 0) {
            throw new DecodeException("blinded path has zero hops");
        }
        List<BlindedHop> hops = new ArrayList<>(hopCount);
        for (int i = 0; i < hopCount; i++) {
            hops.add(BlindedHop.read(reader));
        }
        return new BlindedPath(introductionNode, pathKey, hops);
    }

    /** Writes this path. */
    public void write(ByteWriter writer) {
        introductionNode.write(writer);
        writer.publicKey(pathKey).u8(hops.size());
        for (BlindedHop hop : hops) {
            hop.write(writer);
        }
    }

    /** The last hop's blinded node id: the key a BOLT 12 recipient behind this path signs with. */
    public PublicKey finalBlindedNodeId() {
        return hops.get(hops.size() - 1).blindedNodeId();
    }
}
