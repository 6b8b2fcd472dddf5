package io.staticinvoice.gateway;


import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.onion.NextMessageHop;
import io.staticinvoice.lightning.onion.OnionMessageSendException;
import io.staticinvoice.lightning.onion.OnionPeeler;
import io.staticinvoice.lightning.onion.PeeledMessage;
import io.staticinvoice.lightning.onion.UnblindingCache;
import io.staticinvoice.lightning.wire.NodeId;
import io.staticinvoice.lightning.wire.OnionMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Routes every incoming {@code onion_message} (on the worker pool): peels it with our node key
 * (BOLT 4), then relays it to the next node (connected, or through the mailbox) or hands it,
 * with its authenticated {@code path_id} and a {@link Responder} on its reply path, to the
 * {@link ReceivedMessageHandler}. Invalid onions and unusable next hops are dropped and counted.
 */
public final class OnionMessageRouter implements InboundOnionMessageHandler {

    private static final Logger log = LoggerFactory.getLogger(OnionMessageRouter.class);

    private final OnionPeeler peeler;
    private final OutboundMessages sender;
    private final ReceivedMessageHandler handler;
    private final GatewayMetrics metrics;

    /** @param unblindings our node key ({@code identity}'s) with the path keys it unblinded recently */
    public OnionMessageRouter(NodeIdentity identity, UnblindingCache unblindings, OutboundMessages sender,
                              ReceivedMessageHandler handler, GatewayMetrics metrics) {
        this.peeler = new OnionPeeler(unblindings, Optional.of(identity.receiveAuthKey()));
        this.sender = sender;
        this.handler = handler;
        this.metrics = metrics;
    }

    @Override
    public void onOnionMessage(Peer from, OnionMessage message) {
        PeeledMessage peeled;
        try {
            peeled = peeler.peel(message.pathKey(), message.packet());
        } catch (DecodeException e) {
            metrics.dropped(GatewayMetrics.Drop.INVALID_ONION);
            log.debug("Dropping onion message from {}: {}", from.nodeId(), e.getMessage());
            return;
        }
        if (peeled instanceof PeeledMessage.Forward forward) {
            relay(from, forward);
        } else {
            receive(from, (PeeledMessage.Receive) peeled);
        }
    }

    /** Relays to the next node; a failure is counted once (a full queue or an unknown node already was, where it happened). */
    private void relay(Peer from, PeeledMessage.Forward forward) {
        if (!(forward.nextHop() instanceof NextMessageHop.NodeId next)) {
            metrics.dropped(GatewayMetrics.Drop.UNKNOWN_NEXT_HOP);
            log.debug("Dropping onion message from {}: next hop {} is a channel, and this node has none",
                    from.nodeId(), forward.nextHop());
            return;
        }
        NodeId nextNode = new NodeId(next.nodeId());
        sender.forward(nextNode, new OnionMessage(forward.nextPathKey(), forward.nextPacket().encode()))
                .whenComplete((delivery, error) -> {
                    if (error != null && !PeerUnavailableException.reasonOf(error)
                            .map(PeerUnavailableException.Reason::counted).orElse(false)) {
                        metrics.dropped(GatewayMetrics.Drop.SEND_FAILED);
                        log.debug("Relaying an onion message to {} failed: {}", nextNode, error.toString());
                    }
                });
    }

    private void receive(Peer from, PeeledMessage.Receive received) {
        Optional<TlvRecord> body = received.message();
        if (body.isEmpty()) {
            metrics.dropped(GatewayMetrics.Drop.INVALID_ONION);
            log.debug("Dropping onion message from {}: it ends here but carries no message", from.nodeId());
            return;
        }
        boolean ours = received.authenticated();
        ReceivedMessage message = new ReceivedMessage(from.nodeId(), body.get(),
                ours ? received.pathId() : Optional.empty(),
                ours ? received.context() : Optional.empty(),
                received.replyPath());
        handler.onMessage(message, new ReplyPathResponder(from, received.replyPath()));
    }

    /** Answers over the reply path of one received message. */
    private final class ReplyPathResponder implements Responder {

        private final Peer from;
        private final Optional<BlindedMessagePath> replyPath;
        /** {@link #returnConnection}, once worked out (it reads our hop of the path). */
        private Optional<Peer> returnConnection;

        ReplyPathResponder(Peer from, Optional<BlindedMessagePath> replyPath) {
            this.from = from;
            this.replyPath = replyPath;
        }

        @Override
        public boolean canRespond() {
            return replyPath.isPresent();
        }

        @Override
        public CompletableFuture<Delivery> respond(TlvRecord message, Optional<BlindedMessagePath> ourReplyPath) {
            if (replyPath.isEmpty()) {
                return CompletableFuture.failedFuture(new IllegalStateException("the message came without a reply path"));
            }
            return sender.send(replyPath.get(), message, ourReplyPath);
        }

        @Override
        public Optional<Peer> returnConnection() {
            if (returnConnection == null) {
                returnConnection = leadsBackToSender() ? Optional.of(from) : Optional.empty();
            }
            return returnConnection.filter(Peer::isActive);
        }

        private boolean leadsBackToSender() {
            try {
                return replyPath.isPresent() && sender.firstHop(replyPath.get()).equals(from.nodeId());
            } catch (OnionMessageSendException unusable) {
                return false;
            }
        }
    }
}
