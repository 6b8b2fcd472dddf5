package io.staticinvoice.gateway;

import io.staticinvoice.config.LightningProperties;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.wire.ChainHash;
import io.staticinvoice.lightning.wire.Features;
import io.staticinvoice.lightning.wire.NodeId;

/** What every connection of one gateway shares: identity, settings, registry, metrics, workers, outbound budget. */
record GatewayContext(PrivateKey nodeKey,
                      NodeId nodeId,
                      Features features,
                      ChainHash chain,
                      LightningProperties.Lightning settings,
                      GatewayMetrics metrics,
                      PeerRegistry registry,
                      OnionMessageWorkers workers,
                      InboundOnionMessageHandler inbound,
                      OutboundBudget outbound) {
}
