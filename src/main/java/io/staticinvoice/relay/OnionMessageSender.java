package io.staticinvoice.relay;

import io.staticinvoice.gateway.OutboundMessages;
import io.staticinvoice.gateway.Delivery;
import io.staticinvoice.gateway.LightningGateway;
import io.staticinvoice.gateway.NodeIdentity;
import io.staticinvoice.gateway.Peer;
import io.staticinvoice.gateway.PeerUnavailableException;
import io.staticinvoice.gateway.UnbuiltOnionMessage;

import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.onion.OnionMessageBuilder;
import io.staticinvoice.lightning.onion.OnionMessageSendException;
import io.staticinvoice.lightning.onion.OnionMessageType;
import io.staticinvoice.lightning.onion.UnblindingCache;
import io.staticinvoice.lightning.wire.NodeId;
import io.staticinvoice.lightning.wire.OnionMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Sends onion messages out of this node: new messages to a blinded path, and messages relayed
 * for others.
 *
 * <p>To a blinded path: when we are its introduction node the path is advanced past our hop
 * first; then the message goes to the first hop if it is connected here; else, unless the node is
 * connected to another replica of this node, if its address is known (configured, or seen on an
 * earlier connection), we connect and send; else, or if that fails, it waits unbuilt (the onion is
 * built at delivery): a forwarded invoice_request in {@link ForwardedRequests} (relayed to the
 * replica the node is connected to, or held in memory for a short while), anything else in the
 * durable {@link Mailbox} (which wakes the replica the node is connected to, if any). A relayed
 * message goes to the next node if it is connected here, else into the mailbox. The mailbox
 * keeps messages only for nodes it knows; for others the future fails with
 * {@link PeerUnavailableException.Reason#UNKNOWN_DESTINATION}.
 *
 * <p>Methods may block on the database: call them from a worker thread, never an event loop.
 */
public final class OnionMessageSender implements OutboundMessages {

    private static final Logger log = LoggerFactory.getLogger(OnionMessageSender.class);

    private final NodeId ourId;
    private final OnionMessageBuilder builder;
    private final LightningGateway gateway;
    private final Mailbox mailbox;
    private final PeerAddressBook addresses;
    private final ForwardedRequests forwardedRequests;

    /** @param unblindings our node key ({@code identity}'s) with the path keys it unblinded recently */
    public OnionMessageSender(NodeIdentity identity, UnblindingCache unblindings, LightningGateway gateway,
                              Mailbox mailbox, PeerAddressBook addresses, ForwardedRequests forwardedRequests) {
        this.ourId = identity.nodeId();
        this.builder = identity.onionMessageBuilder(unblindings);
        this.gateway = gateway;
        this.mailbox = mailbox;
        this.addresses = addresses;
        this.forwardedRequests = forwardedRequests;
    }

    /**
     * Sends {@code message} to the end of {@code destination}, with {@code replyPath} for the
     * answer, as the class comment describes. The onion is built only to be written now; a message
     * that has to wait is stored unbuilt.
     */
    @Override
    public CompletableFuture<Delivery> send(BlindedMessagePath destination, TlvRecord message,
                                            Optional<BlindedMessagePath> replyPath) {
        UnbuiltOnionMessage unbuilt;
        try {
            BlindedMessagePath path = builder.pastOurHop(destination);
            if (new NodeId(builder.check(path, message, replyPath)).equals(ourId)) {
                throw new OnionMessageSendException(OnionMessageSendException.Reason.BLINDED_PATH_ADVANCE_FAILED,
                        "the path leads back to this node");
            }
            unbuilt = new UnbuiltOnionMessage(path, message, replyPath);
        } catch (OnionMessageSendException e) {
            return CompletableFuture.failedFuture(e);
        }
        NodeId firstHop = unbuilt.firstHop();
        Supplier<CompletableFuture<Delivery>> waiting = message.type() == OnionMessageType.INVOICE_REQUEST.tlvType()
                ? () -> hold(unbuilt)
                : () -> store(firstHop, () -> mailbox.store(unbuilt));
        Optional<Peer> connected = gateway.peers().get(firstHop);
        Optional<InetSocketAddress> address = connected.isPresent() || forwardedRequests.connectedElsewhere(firstHop)
                ? Optional.empty() : addresses.lookup(firstHop);
        if (connected.isEmpty() && address.isEmpty()) {
            return waiting.get();
        }
        OnionMessage onion;
        try {
            onion = unbuilt.build(builder);
        } catch (OnionMessageSendException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (connected.isPresent()) {
            return sendOrStore(connected.get().nodeId(), connected.get().send(onion), waiting);
        }
        return gateway.connect(firstHop, address.get())
                .handle((peer, connectFailed) -> {
                    if (connectFailed == null) {
                        return sendOrStore(peer.nodeId(), peer.send(onion), waiting);
                    }
                    log.debug("Could not connect to {} at {}: {}", firstHop, address.get(), connectFailed.toString());
                    return later(waiting);
                })
                .thenCompose(delivery -> delivery);
    }

    @Override
    public NodeId firstHop(BlindedMessagePath destination) throws OnionMessageSendException {
        return new NodeId(builder.firstHop(destination));
    }

    /** Hands a forwarded invoice_request to {@link ForwardedRequests}: relayed or held, or dropped when the hold is full. */
    private CompletableFuture<Delivery> hold(UnbuiltOnionMessage message) {
        return forwardedRequests.take(message).map(CompletableFuture::completedFuture)
                .orElseGet(() -> CompletableFuture.failedFuture(new PeerUnavailableException(message.firstHop(),
                        PeerUnavailableException.Reason.HOLD_FULL)));
    }

    /**
     * Relays a peeled onion message to {@code next}: sent if it is connected, else stored. A
     * relayed message counts as sent once the next node's {@code pong} acknowledges it: one
     * written into a connection that had silently died (a phone changing networks) goes to the
     * mailbox when the connection is found dead, so a payer's {@code held_htlc_available} is not
     * lost on the way to a wallet.
     */
    @Override
    public CompletableFuture<Delivery> forward(NodeId next, OnionMessage message) {
        Supplier<CompletableFuture<Delivery>> storing = () -> store(next, () -> mailbox.store(next, message));
        return gateway.peers().get(next)
                .map(peer -> sendOrStore(next, peer.sendAcknowledged(message), storing))
                .orElseGet(storing);
    }

    /** A send to a connected peer; if the peer disconnects first, the message goes where {@code waiting} puts it. */
    private CompletableFuture<Delivery> sendOrStore(NodeId peer, CompletableFuture<Void> sent,
                                                    Supplier<CompletableFuture<Delivery>> waiting) {
        return sent.thenApply(done -> Delivery.SENT).exceptionallyCompose(error -> {
            if (PeerUnavailableException.reasonOf(error).orElse(null) == PeerUnavailableException.Reason.DISCONNECTED) {
                return later(waiting);
            }
            return CompletableFuture.failedFuture(error);
        });
    }

    /** Runs {@code storing}, a mailbox store for {@code destination}, and says how it went once it is written. */
    private static CompletableFuture<Delivery> store(NodeId destination, Supplier<CompletableFuture<Boolean>> storing) {
        CompletableFuture<Boolean> stored;
        try {
            stored = storing.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return stored.thenCompose(kept -> kept ? CompletableFuture.completedFuture(Delivery.STORED)
                : CompletableFuture.failedFuture(new PeerUnavailableException(destination,
                        PeerUnavailableException.Reason.UNKNOWN_DESTINATION)));
    }

    /** Runs {@code waiting} from a continuation that may run on an event loop, by moving to the worker pool. */
    private CompletableFuture<Delivery> later(Supplier<CompletableFuture<Delivery>> waiting) {
        return CompletableFuture.supplyAsync(waiting, gateway.workers().executor()).thenCompose(stored -> stored);
    }
}
