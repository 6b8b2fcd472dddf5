package io.staticinvoice.check;

import io.staticinvoice.gateway.ReceivedMessage;
import io.staticinvoice.lightning.asyncpay.AsyncPaymentsMessage;
import io.staticinvoice.lightning.asyncpay.OfferPaths;
import io.staticinvoice.lightning.asyncpay.OfferPathsRequest;
import io.staticinvoice.lightning.asyncpay.ServeStaticInvoice;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.offers.Offer;
import io.staticinvoice.lightning.offers.StaticInvoice;
import io.staticinvoice.lightning.onion.BlindedHop;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.onion.BlindedPath;
import io.staticinvoice.lightning.onion.BlindedPayInfo;
import io.staticinvoice.lightning.onion.BlindedPaymentPath;
import io.staticinvoice.lightning.onion.IntroductionNode;
import io.staticinvoice.lightning.onion.OnionMessageType;
import io.staticinvoice.lightning.wire.NodeId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An async-payments recipient as LDK's {@code AsyncReceiveOfferCache} behaves (DESIGN.md steps 2
 * and 3; LDK {@code onion_message/async_payments.rs}): it asks the server for offer paths, builds
 * its offer and a signed static invoice on them, hands the invoice over and waits for the server's
 * {@code StaticInvoicePersisted}. Its payment paths are well-formed but lead nowhere: the invoice
 * is for checking the server, not for being paid.
 */
public class Wallet extends ClientNode {

    private final PrivateKey offerKey = PrivateKey.random();

    public Wallet(PrivateKey key, String network) {
        super(key, network);
    }

    /** As {@link #Wallet(PrivateKey, String)}, with more {@code sis.lightning.*} settings of its gateway. */
    protected Wallet(PrivateKey key, String network, Map<String, String> settings) {
        super(key, network, settings);
    }

    /** OfferPaths and the server's path for the ServeStaticInvoice that follows. */
    public record OfferPathsAnswer(OfferPaths offerPaths, BlindedMessagePath serveInvoicePath) {
    }

    /** Sends {@code OfferPathsRequest {slot}} over a server path and waits up to {@code timeout} for {@code OfferPaths}. */
    public OfferPathsAnswer requestOfferPaths(BlindedMessagePath serverPath, int slot, Duration timeout)
            throws Exception {
        sendOfferPathsRequest(serverPath, slot);
        ReceivedMessage answer = await(OnionMessageType.OFFER_PATHS, timeout);
        OfferPaths paths = (OfferPaths) AsyncPaymentsMessage.decode(answer.message());
        BlindedMessagePath serveInvoicePath = answer.replyPath().orElseThrow(
                () -> new IllegalStateException("OfferPaths came without a reply path for ServeStaticInvoice"));
        return new OfferPathsAnswer(paths, serveInvoicePath);
    }

    /** Sends {@code OfferPathsRequest {slot}} over a path, with a reply path to this node. */
    public void sendOfferPathsRequest(BlindedMessagePath path, int slot) throws Exception {
        send(path, new OfferPathsRequest(slot).toRecord(), Optional.of(pathThrough(List.of(), "offer-paths")));
    }

    /** The recipient's async offer: the server's offer paths and its signing key, no amount. */
    public Offer offer(OfferPaths paths) {
        return offerBuilder(paths.paths()).build();
    }

    /** An offer on {@code paths} signed for by this wallet's offer key, to be completed by the caller. */
    protected Offer.Builder offerBuilder(List<BlindedMessagePath> paths) {
        Offer.Builder builder = Offer.builder().description("static invoice server check")
                .issuerSigningKey(offerKey.publicKey());
        paths.forEach(builder::path);
        return builder;
    }

    /** A static invoice for the offer, paid over one blinded payment path, with the forward path as message path. */
    public StaticInvoice invoice(Offer offer, BlindedMessagePath forwardPath, Instant createdAt) {
        return invoice(offer, forwardPath, createdAt, 1);
    }

    /** As {@link #invoice(Offer, BlindedMessagePath, Instant)} with {@code paymentPaths} payment paths. */
    public StaticInvoice invoice(Offer offer, BlindedMessagePath forwardPath, Instant createdAt, int paymentPaths) {
        List<BlindedPaymentPath> paths = Stream.generate(Wallet::paymentPath).limit(paymentPaths).toList();
        return StaticInvoice.builder(offer, paths, List.of(forwardPath), createdAt)
                .relativeExpiry(Duration.ofDays(1))
                .sign(offerKey);
    }

    /** The path the server forwards invoice_requests over: through the server, then to this node. */
    public BlindedMessagePath forwardPath(NodeId server) {
        return pathThrough(List.of(server), "forwarded-invoice-request");
    }

    /** Hands the invoice over with ServeStaticInvoice, asking for the confirmation on a path of its own. */
    public void serve(byte[] invoice, BlindedMessagePath forwardPath, BlindedMessagePath serveInvoicePath)
            throws Exception {
        send(serveInvoicePath, new ServeStaticInvoice(invoice, forwardPath).toRecord(),
                Optional.of(pathThrough(List.of(), "invoice-persisted")));
    }

    /** Whether StaticInvoicePersisted arrives within {@code timeout}. */
    public boolean confirmed(Duration timeout) throws InterruptedException {
        return poll(OnionMessageType.STATIC_INVOICE_PERSISTED, timeout).isPresent();
    }

    private static BlindedPaymentPath paymentPath() {
        BlindedPath path = new BlindedPath(new IntroductionNode.NodeId(PrivateKey.random().publicKey()),
                PrivateKey.random().publicKey(), List.of(new BlindedHop(PrivateKey.random().publicKey(), new byte[51])));
        return new BlindedPaymentPath(path, new BlindedPayInfo(1000, 100, 144, 1, 1_000_000_000L, new byte[0]));
    }
}
