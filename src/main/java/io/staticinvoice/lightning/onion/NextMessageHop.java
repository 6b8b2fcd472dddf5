package io.staticinvoice.lightning.onion;

import io.staticinvoice.lightning.crypto.PublicKey;

/**
 * Where a forwarding hop sends an onion message next: the {@code next_node_id} (type 4) or the
 * {@code short_channel_id} (type 2) of its {@code encrypted_data_tlv} (BOLT 4 "Route Blinding";
 * LDK's {@code NextMessageHop}, {@code lightning/src/blinded_path/message.rs}).
 */
public sealed interface NextMessageHop {

    /** The next node, by its public node id. */
    record NodeId(PublicKey nodeId) implements NextMessageHop {
    }

    /**
     * The next node, as the peer at the other end of one of our channels (BOLT 7
     * {@code short_channel_id}, block height, transaction index and output index packed in 8 bytes).
     */
    record ShortChannelId(long scid) implements NextMessageHop {

        @Override
        public String toString() {
            return "ShortChannelId[" + (scid >>> 40) + "x" + ((scid >>> 16) & 0xffffff) + "x" + (scid & 0xffff) + "]";
        }
    }
}
