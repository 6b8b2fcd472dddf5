package io.staticinvoice.lightning.onion;

import io.staticinvoice.lightning.crypto.PublicKey;

/**
 * A built onion message and the peer to send it to: the body of BOLT 4's {@code onion_message}
 * ({@code path_key}, {@code onion_message_packet}) addressed to {@code firstNodeId}.
 */
public record OutboundOnionMessage(PublicKey firstNodeId, PublicKey pathKey, OnionMessagePacket packet) {
}
