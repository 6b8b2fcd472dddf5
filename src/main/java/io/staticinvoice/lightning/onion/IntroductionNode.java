package io.staticinvoice.lightning.onion;

import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.crypto.PublicKey;
import java.util.Objects;

/**
 * The unblinded first node of a blinded path (BOLT 4 "Route Blinding", BOLT 12 {@code sciddir_or_pubkey}):
 * either its node id or a channel leading to it plus the side of that channel. Encoded as in
 * rust-lightning {@code lightning/src/blinded_path/mod.rs}: a 33-byte compressed public key
 * (first byte 2 or 3), or one direction byte (0 or 1) followed by the 8-byte short channel id.
 */
public sealed interface IntroductionNode permits IntroductionNode.NodeId, IntroductionNode.DirectedShortChannelId {

    /** Writes this introduction node in its wire form. */
    void write(ByteWriter writer);

    /** Reads an introduction node; the first byte says which form follows. */
    static IntroductionNode read(ByteReader reader) throws DecodeException {
        int first = reader.u8();
        return switch (first) {
            case 0 -> new DirectedShortChannelId(Direction.NODE_ONE, reader.u64());
            case 1 -> new DirectedShortChannelId(Direction.NODE_TWO, reader.u64());
            case 2, 3 -> {
                byte[] key = new byte[PublicKey.LENGTH];
                key[0] = (byte) first;
                System.arraycopy(reader.bytes(PublicKey.LENGTH - 1), 0, key, 1, PublicKey.LENGTH - 1);
                yield new NodeId(PublicKey.parse(key));
            }
            default -> throw new DecodeException("invalid introduction node: first byte " + first);
        };
    }

    /** The introduction node given by its public node id. */
    record NodeId(PublicKey publicKey) implements IntroductionNode {

        public NodeId {
            Objects.requireNonNull(publicKey, "publicKey");
        }

        @Override
        public void write(ByteWriter writer) {
            writer.publicKey(publicKey);
        }
    }

    /** The introduction node given as one side of a channel (BOLT 7 node_1 / node_2 order). */
    record DirectedShortChannelId(Direction direction, long shortChannelId) implements IntroductionNode {

        public DirectedShortChannelId {
            Objects.requireNonNull(direction, "direction");
        }

        @Override
        public void write(ByteWriter writer) {
            writer.u8(direction.ordinal()).u64(shortChannelId);
        }
    }

    /** Which side of a channel: the lesser node id (node_1) or the greater one (node_2). */
    enum Direction {
        /** The lexicographically lesser node id; encoded as 0. */
        NODE_ONE,
        /** The lexicographically greater node id; encoded as 1. */
        NODE_TWO
    }
}
