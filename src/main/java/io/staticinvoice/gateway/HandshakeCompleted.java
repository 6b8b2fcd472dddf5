package io.staticinvoice.gateway;

import io.staticinvoice.lightning.wire.NodeId;

/** Pipeline event fired by {@link HandshakeHandler} once BOLT 8 act three is done and framing is installed. */
record HandshakeCompleted(NodeId remoteNodeId) {
}
