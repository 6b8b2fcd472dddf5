package io.staticinvoice.admin;

import io.staticinvoice.gateway.Direction;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * This Lightning node as {@code GET /api/v1/node} shows it: its id, where it listens and the
 * peers connected to this replica.
 *
 * @param nodeId          the node id (33-byte public key, hex)
 * @param uris            {@code nodeid@host:port} for each of {@code sis.lightning.public-addresses}: where
 *                        wallets and payers connect
 * @param listenAddresses where the BOLT 8 listener is bound
 * @param peers           peers connected to this replica, with their direction and connection time
 */
@Schema(description = "This node's id, public URIs, listener and connected peers")
record NodeResponse(
        @Schema(example = "0355f8d2238a322d16b602bd0ceaad5b01019fb055971eaadcc9b29226a4da6c23") String nodeId,
        @Schema(example = "[\"0355f8d2238a322d16b602bd0ceaad5b01019fb055971eaadcc9b29226a4da6c23@node.example.com:9735\"]")
        List<String> uris,
        @Schema(example = "[\"0.0.0.0:9735\"]") List<String> listenAddresses,
        List<PeerResponse> peers) {

    /**
     * @param nodeId      the peer's node id (hex)
     * @param address     the peer's address as this replica sees it
     * @param direction   INBOUND when the peer connected to us, OUTBOUND when we connected to it
     * @param connectedAt when its init exchange completed
     */
    @Schema(description = "A connected peer")
    record PeerResponse(
            @Schema(example = "02888f2e4b1b3e3c6a0f2e3b7f5c0d0e9b4f9a7e1c2d3b4a5f6e7d8c9b0a1f2e3d") String nodeId,
            @Schema(example = "203.0.113.7:51234") String address,
            Direction direction,
            Instant connectedAt) {
    }
}
