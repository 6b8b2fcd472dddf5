package io.staticinvoice.admin;

import io.staticinvoice.config.LightningProperties;
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

/** {@code /api/v1/node}: this Lightning node's id, public URIs, listener and connected peers. */
@RestController
@RequestMapping(path = "/api/v1/node", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Node", description = "The Lightning node")
class NodeController {

    private final LightningGateway gateway;
    private final List<String> publicAddresses;

    NodeController(LightningGateway gateway, LightningProperties properties) {
        this.gateway = gateway;
        this.publicAddresses = properties.lightning().publicAddresses();
    }

    @GetMapping
    @Operation(summary = "Show the Lightning node",
            description = "The node id, its public addresses as ready-to-paste nodeid@host:port URIs (what wallets "
                    + "and payers connect to, from sis.lightning.public-addresses), the listen addresses, and the "
                    + "peers connected to this replica with their connection time and direction.")
    @ApiResponse(responseCode = "200", description = "The node")
    NodeResponse node() {
        List<String> listen = gateway.isRunning() ? List.of(hostPort(gateway.boundAddress())) : List.of();
        List<NodeResponse.PeerResponse> peers = gateway.peers().all().stream()
                .sorted(Comparator.comparing(Peer::connectedAt))
                .map(peer -> new NodeResponse.PeerResponse(peer.nodeId().hex(), hostPort(peer.remoteAddress()),
                        peer.direction(), peer.connectedAt()))
                .toList();
        List<String> uris = publicAddresses.stream().map(address -> gateway.nodeId().hex() + "@" + address).toList();
        return new NodeResponse(gateway.nodeId().hex(), uris, listen, peers);
    }

    private static String hostPort(InetSocketAddress address) {
        String host = address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
