package io.staticinvoice.bench;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.offers.InvoiceRequest;
import io.staticinvoice.lightning.offers.Offer;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.onion.BlindedPathFactory;
import io.staticinvoice.lightning.onion.EncryptedData;
import io.staticinvoice.lightning.onion.OnionMessageBuilder;
import io.staticinvoice.lightning.onion.OnionMessageSendException;
import io.staticinvoice.lightning.onion.OnionMessageType;
import io.staticinvoice.lightning.onion.OnionPeeler;
import io.staticinvoice.lightning.onion.OutboundOnionMessage;
import io.staticinvoice.lightning.onion.PeeledMessage;
import io.staticinvoice.lightning.onion.ReceiveAuthKey;
import io.staticinvoice.lightning.onion.UnblindingCache;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The protocol CPU work of one served invoice_request, shaped like LDK's traffic (docs/BENCHMARKS.md
 * "Load test"), without the transport, the database or Netty: peeling the payer's onion (the
 * server's hop and 3 dummy hops of the offer path, 32768-byte packet), parsing the invoice_request
 * (its signature verified), building the static invoice's onion onto the payer's reply path (the
 * payer and 3 dummy hops) and the forwarded invoice_request's onion over the recipient's
 * forward path (the server, then the recipient). With the path key cache, the server's own hops
 * (offer path and forward path) are unblinded once, as for every payer of a static offer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ServedRequestBenchmark {

    private static final int DUMMY_HOPS = 3;
    /** The size of LDK 0.2.5's static invoice in the captures. */
    private static final int STATIC_INVOICE_BYTES = 1509;

    /** Path keys of our own paths remembered ({@code sis.lightning.path-key-cache-size}); 0 = none. */
    @Param({"0", "10000"})
    public int pathKeyCache;

    private OnionPeeler server;
    private OnionMessageBuilder serverSender;
    private BlindedMessagePath forwardPath;
    private BlindedMessagePath replyPath;
    private TlvRecord staticInvoice;
    private TlvRecord invoiceRequest;
    private OutboundOnionMessage request;
    private byte[] requestPacket;

    @Setup
    public void setUp() throws OnionMessageSendException {
        PrivateKey serverKey = PrivateKey.random();
        ReceiveAuthKey serverAuth = ReceiveAuthKey.random();
        UnblindingCache unblindings = new UnblindingCache(serverKey, pathKeyCache);
        server = new OnionPeeler(unblindings, Optional.of(serverAuth));
        serverSender = new OnionMessageBuilder(unblindings, Optional.of(serverAuth));
        BlindedMessagePath offerPath = BlindedPathFactory.create(List.of(), serverKey.publicKey(), DUMMY_HOPS,
                serverAuth, EncryptedData.receiveWithPathId(new byte[64]));
        Offer offer = Offer.builder().description("benchmark").issuerSigningKey(PrivateKey.random().publicKey())
                .path(offerPath).build();

        PrivateKey recipientKey = PrivateKey.random();
        forwardPath = BlindedPathFactory.create(List.of(BlindedPathFactory.ForwardNode.of(serverKey.publicKey())),
                recipientKey.publicKey(), 0, ReceiveAuthKey.random(), EncryptedData.receiveWithPathId(new byte[16]));
        byte[] invoice = new byte[STATIC_INVOICE_BYTES];
        new SecureRandom().nextBytes(invoice);
        staticInvoice = new TlvRecord(OnionMessageType.STATIC_INVOICE.tlvType(), invoice);

        PrivateKey payerNode = PrivateKey.random();
        replyPath = BlindedPathFactory.create(List.of(), payerNode.publicKey(), DUMMY_HOPS, ReceiveAuthKey.random(),
                EncryptedData.receiveWithPathId(new byte[16]));
        invoiceRequest = new TlvRecord(OnionMessageType.INVOICE_REQUEST.tlvType(),
                InvoiceRequest.builder(offer, new byte[32]).amountMsats(50_000).sign(PrivateKey.random()).bytes());
        request = new OnionMessageBuilder(payerNode, Optional.empty())
                .build(List.of(), offerPath, invoiceRequest, Optional.of(replyPath));
        requestPacket = request.packet().encode();
    }

    /** The server peels the request: its hop and the 3 dummy hops, 4 layers of a 32768-byte packet. */
    @Benchmark
    public PeeledMessage peelRequest() throws DecodeException {
        return server.peel(request.pathKey(), requestPacket);
    }

    /** Parses the invoice_request and verifies its signature. */
    @Benchmark
    public InvoiceRequest parseInvoiceRequest() throws DecodeException {
        return InvoiceRequest.parse(invoiceRequest.value());
    }

    /** The static invoice onto the payer's reply path (4 hops). */
    @Benchmark
    public byte[] buildReply() throws OnionMessageSendException {
        return serverSender.build(List.of(), replyPath, staticInvoice, Optional.empty()).packet().encode();
    }

    /** The invoice_request with the payer's reply path over the forward path (our hop stepped past, then 1). */
    @Benchmark
    public byte[] buildForward() throws OnionMessageSendException {
        return serverSender.build(List.of(), forwardPath, invoiceRequest, Optional.of(replyPath)).packet().encode();
    }

    /** All of the above, as one served request does them. */
    @Benchmark
    public byte[] servedRequest() throws DecodeException, OnionMessageSendException {
        PeeledMessage.Receive received = (PeeledMessage.Receive) server.peel(request.pathKey(), requestPacket);
        TlvRecord message = received.message().orElseThrow();
        InvoiceRequest.parse(message.value());
        BlindedMessagePath payer = received.replyPath().orElseThrow();
        serverSender.build(List.of(), forwardPath, message, Optional.of(payer)).packet().encode();
        return serverSender.build(List.of(), payer, staticInvoice, Optional.empty()).packet().encode();
    }
}
