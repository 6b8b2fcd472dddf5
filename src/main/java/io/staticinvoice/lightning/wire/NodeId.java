package io.staticinvoice.lightning.wire;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.crypto.PublicKey;

/**
 * A Lightning node's identity: its static secp256k1 public key, the {@code node_id} of BOLT 7,
 * which BOLT 8 authenticates during the handshake. Printed as 66 hex characters.
 */
public record NodeId(PublicKey key) implements Comparable<NodeId> {

    public NodeId {
        if (key == null) {
            throw new IllegalArgumentException("node id key is required");
        }
    }

    /** Parses 33 untrusted bytes. */
    public static NodeId parse(byte[] bytes) throws DecodeException {
        return new NodeId(PublicKey.parse(bytes));
    }

    /** Parses the 66-character hex form, as in configuration and the admin API. */
    public static NodeId fromHex(String hex) throws DecodeException {
        return parse(Hex.decode(hex));
    }

    public byte[] bytes() {
        return key.bytes();
    }

    public String hex() {
        return key.hex();
    }

    /** Orders node ids by their compressed bytes, as BOLT 7 orders {@code node_id_1} and {@code node_id_2}. */
    @Override
    public int compareTo(NodeId other) {
        return java.util.Arrays.compareUnsigned(key.bytes(), other.key.bytes());
    }

    @Override
    public String toString() {
        return hex();
    }
}
