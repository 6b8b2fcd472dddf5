package io.staticinvoice.admin;

import io.staticinvoice.gateway.LightningGateway;
import io.staticinvoice.gateway.Peer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.InetSocketAddress;
import java.util.Comparator;
import java.util.List;

/** {@code /api/v1/node}: this Lightning node's id, listener and connected peers. */
@RestController
@RequestMapping(path = "/api/v1/node", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Node", description = "The Lightning node")
class NodeController {

    private final LightningGateway gateway;

    NodeController(LightningGateway gateway) {
        this.gateway = gateway;
    }

    @GetMapping
    @Operation(summary = "Show the Lightning node",
            description = "The node id (what wallets and payers connect to), the listen addresses, and the peers "
                    + "connected to this replica with their connection time and direction.")
    @ApiResponse(responseCode = "200", description = "The node")
    NodeResponse node() {
        List<String> listen = gateway.isRunning() ? List.of(hostPort(gateway.boundAddress())) : List.of();
        List<NodeResponse.PeerResponse> peers = gateway.peers().all().stream()
                .sorted(Comparator.comparing(Peer::connectedAt))
                .map(peer -> new NodeResponse.PeerResponse(peer.nodeId().hex(), hostPort(peer.remoteAddress()),
                        peer.direction(), peer.connectedAt()))
                .toList();
        return new NodeResponse(gateway.nodeId().hex(), listen, peers);
    }

    private static String hostPort(InetSocketAddress address) {
        String host = address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
