package io.staticinvoice.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.staticinvoice.gateway.Delivery;
import io.staticinvoice.gateway.GatewayTestSupport;
import io.staticinvoice.gateway.LightningGateway;
import io.staticinvoice.gateway.NodeIdentity;
import io.staticinvoice.gateway.Peer;
import io.staticinvoice.gateway.RawPeer;
import io.staticinvoice.gateway.ReceivedMessage;
import io.staticinvoice.gateway.Responder;
import io.staticinvoice.gateway.RoutedNode;
import io.staticinvoice.gateway.UnbuiltOnionMessage;
import io.staticinvoice.lightning.asyncpay.AsyncPaymentsMessage;
import io.staticinvoice.lightning.asyncpay.OfferPaths;
import io.staticinvoice.lightning.asyncpay.ServeStaticInvoice;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.offers.StaticInvoice;
import io.staticinvoice.lightning.onion.BlindedHop;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.onion.LdkFixtures;
import io.staticinvoice.lightning.onion.LdkFixtures.Role;
import io.staticinvoice.lightning.onion.OnionMessageBuilder;
import io.staticinvoice.lightning.onion.OnionMessageSendException;
import io.staticinvoice.lightning.onion.OnionMessageType;
import io.staticinvoice.lightning.onion.OnionPeeler;
import io.staticinvoice.lightning.onion.OutboundOnionMessage;
import io.staticinvoice.lightning.onion.PeeledMessage;
import io.staticinvoice.lightning.onion.UnblindingCache;
import io.staticinvoice.lightning.wire.Init;
import io.staticinvoice.lightning.wire.NodeId;
import io.staticinvoice.lightning.wire.OnionMessage;
import io.staticinvoice.server.RecipientService.RegistrationRequest;
import io.staticinvoice.store.InvoiceStatus;
import io.staticinvoice.store.Recipient;
import io.staticinvoice.store.RecipientRepository;
import io.staticinvoice.store.StoredInvoice;
import io.staticinvoice.store.StoredInvoiceRepository;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Replays captures of real LDK nodes ({@code fixtures/ldk-<version>}) through our server, which runs
 * with the LDK server's node key so the recorded forward and reply paths (introduced by the LDK
 * server, 0355f8d2...) lead through us. Each recorded payload (the decrypted value the LDK server
 * logged) reaches {@link StaticInvoiceServer#onMessage} with our own sealed context as path_id and
 * the reply path the LDK sender really attached (peeled from the recorded wire message); answers on
 * that reply path are captured, while messages over stored paths go through the real gateway to
 * the LDK recipient (02888f2e..., offline): into the PostgreSQL mailbox, or, for forwarded
 * invoice_requests, into the gateway's hold until the recipient connects (here a raw BOLT 8 peer
 * with its key); the LDK recipient's keys must be able to read them. One subclass per LDK version
 * says what differs.
 */
abstract class LdkCaptureReplay {

    /** The LDK harness's recipient id (summary.txt: {@code PERSIST recipient_id=recipient1 slot=0}). */
    private static final byte[] RECIPIENT_ID = "recipient1".getBytes(StandardCharsets.UTF_8);
    private static final int SLOT = 0;
    /** LDK's {@code DEFAULT_ASYNC_RECEIVE_OFFER_EXPIRY}, and our {@code sis.offer-paths.expiry} default. */
    private static final Duration OFFER_PATHS_EXPIRY = Duration.ofDays(365);
    private static final Duration WAIT = Duration.ofSeconds(10);

    /**
     * What differs between the captures of LDK versions.
     *
     * @param directory      the capture's folder under the test resources, ending in {@code /}
     * @param payerRequests  the payer's two invoice_requests
     * @param heldHtlcWireIn the payer's held_htlc_available as the LDK server received it
     */
    record Capture(String directory, List<PayerRequest> payerRequests, String heldHtlcWireIn) {

        String raw() {
            return directory + "raw/";
        }
    }

    /** Runs our server with the LDK server's node key, so the recorded paths lead through us. */
    static void runAsTheLdkServer(DynamicPropertyRegistry registry, Capture capture) {
        registry.add("sis.node.private-key", () -> LdkFixtures.text(capture.raw() + "server-node-secret.hex").strip());
    }

    /** The capture this test replays. */
    abstract Capture capture();

    /** Checks our answer's offer paths against those the LDK server answered with. */
    abstract void assertOfferPathsLikeLdks(List<BlindedMessagePath> ours, List<BlindedMessagePath> ldks);

    @Autowired StaticInvoiceServer server;
    @Autowired ServerKeys keys;
    @Autowired NodeIdentity identity;
    @Autowired LightningGateway gateway;
    @Autowired RecipientService recipientService;
    @Autowired RecipientRepository recipients;
    @Autowired OfferPathRegistry offerPathRegistry;
    @Autowired StoredInvoiceRepository invoices;
    @Autowired ServeRecorder serves;
    @Autowired Clock clock;
    @Autowired DataSource dataSource;

    private Recipient recipient;

    /**
     * Registers the LDK harness's recipient id; a test database kept from an earlier run
     * ({@code TEST_DATABASE_URL}) may already hold it.
     */
    /**
     * Registers the recipient, and records that its node connected to ours as it did in the
     * capture (its messages are fed to the handler here, not over a connection), so that the
     * mailbox keeps messages for it.
     */
    @BeforeEach
    void registerTheLdkRecipient() {
        recipient = recipients.findByRecipientId(RECIPIENT_ID).orElseGet(() -> recipientService.register(
                new RegistrationRequest(RECIPIENT_ID, "LDK capture " + capture().directory(), null, null), "test").recipient());
        JdbcClient.create(dataSource).sql("insert into sis.known_peer (node_id, last_connected_at) values (:node, now()) "
                        + "on conflict (node_id) do update set last_connected_at = excluded.last_connected_at")
                .param("node", Role.RECIPIENT.nodeKey().publicKey().bytes()).update();
    }

    @Test
    void ourServerIsTheLdkServersNode() {
        assertThat(identity.nodeId().bytes()).isEqualTo(LdkFixtures.hex(capture().raw() + "server-node-id.hex"));
    }

    /**
     * Removes the LDK recipient again: it was registered under the LDK server's node, and a test
     * context that generates this JVM's own node key refuses a database that holds another node's
     * recipients.
     */
    @AfterEach
    void removeTheLdkRecipient() {
        JdbcClient.create(dataSource).sql("delete from sis.recipient where recipient_id = :id")
                .param("id", RECIPIENT_ID).update();
    }

    @Test
    void offerPathsRequestIsAnsweredWithOfferPathsShapedLikeLdks() throws DecodeException {
        Recorded request = recorded("server-0000-wire-in-onion_message-from-02888f2e.hex", Role.RECIPIENT,
                payload("server-0001-in-offer_paths_request-tlv75540.hex", OnionMessageType.OFFER_PATHS_REQUEST));
        Instant now = clock.instant();

        RecordingResponder responder = deliver(request, PathContext.Kind.OFFER_PATHS_REQUEST);

        assertThat(responder.responses).hasSize(1);
        RecordingResponder.Response answer = responder.responses.get(0);
        assertThat(answer.message().type()).isEqualTo(OnionMessageType.OFFER_PATHS.tlvType());
        OfferPaths ours = (OfferPaths) AsyncPaymentsMessage.decode(answer.message());
        OfferPaths ldks = ldkOfferPaths();
        assertOfferPathsLikeLdks(ours.paths(), ldks.paths());
        assertThat(ours.unknownOddRecords()).isEqualTo(ldks.unknownOddRecords()).isEmpty();

        Instant ourExpiry = Instant.ofEpochSecond(ours.pathsAbsoluteExpiry().orElseThrow());
        Instant ldkExpiry = Instant.ofEpochSecond(ldks.pathsAbsoluteExpiry().orElseThrow());
        Instant ldkNow = recordedInvoice().createdAt();
        assertThat(Duration.between(ldkNow, ldkExpiry))
                .isBetween(OFFER_PATHS_EXPIRY.minusMinutes(1), OFFER_PATHS_EXPIRY);
        assertThat(Duration.between(now, ourExpiry)).isBetween(OFFER_PATHS_EXPIRY.minusSeconds(1),
                OFFER_PATHS_EXPIRY.plusMinutes(1));

        BlindedMessagePath ourServePath = answer.ourReplyPath().orElseThrow();
        BlindedMessagePath ldkServePath = peel(wire("server-0003-wire-out-onion_message-to-02888f2e.hex"),
                Role.RECIPIENT).replyPath().orElseThrow();
        assertThat(shapes(List.of(ourServePath))).isEqualTo(shapes(List.of(ldkServePath)));

        assertThat(contextAtEndOf(ours.paths().get(0), OnionMessageType.INVOICE_REQUEST)).isEqualTo(
                new PathContext(PathContext.Kind.INVOICE_REQUEST, RecipientReference.of(recipient), SLOT, ourExpiry));
        assertThat(contextAtEndOf(ourServePath, OnionMessageType.SERVE_STATIC_INVOICE)).isEqualTo(
                new PathContext(PathContext.Kind.SERVE_STATIC_INVOICE, RecipientReference.of(recipient), SLOT,
                        ourExpiry));
        assertThat(offerPathRegistry.allIssued(recipient, SLOT, ours.paths(), clock.instant())).isTrue();
    }

    @Test
    void theRecordedStaticInvoiceIsStoredByteIdenticalAndConfirmedOnTheRecordedReplyPath() throws DecodeException {
        Served served = serveTheRecordedInvoice();

        assertThat(served.responder().responses).as("the confirmation waits for the commit, it is no direct answer")
                .isEmpty();
        StoredInvoice stored = invoices.findFirstByRecipientAndSlotOrderByIdDesc(recipient, SLOT).orElseThrow();
        assertThat(stored.getStatus()).isEqualTo(InvoiceStatus.ACTIVE);
        assertThat(stored.getInvoice())
                .isEqualTo(LdkFixtures.hex(capture().directory() + "static-invoice-persisted-by-server.hex"))
                .isEqualTo(LdkFixtures.hex(capture().raw() + "server-persisted-static-invoice-recipient1-slot0.hex"));
        assertThat(stored.getForwardPath())
                .isEqualTo(LdkFixtures.hex(capture().raw() + "server-persisted-request-path-recipient1-slot0.hex"));

        OnionMessage confirmation = served.confirmation();
        PeeledMessage.Receive atRecipient = peel(confirmation, Role.RECIPIENT);
        OnionMessage ldkConfirmation = wire("server-0007-wire-out-onion_message-to-02888f2e.hex");
        byte[] ldkContext = peel(ldkConfirmation, Role.RECIPIENT).context().orElseThrow();
        assertThat(atRecipient.message()).contains(payload("recipient-0007-in-static_invoice_persisted-tlv75546.hex",
                OnionMessageType.STATIC_INVOICE_PERSISTED));
        assertThat(atRecipient.authenticated()).as("over the recipient's own reply path").isTrue();
        assertThat(atRecipient.context()).as("the recipient's LDK context, as in LDK's confirmation")
                .hasValueSatisfying(context -> assertThat(context).isEqualTo(ldkContext));
        assertThat(confirmation.packetLength()).as("a small packet, as LDK's")
                .isEqualTo(ldkConfirmation.packetLength());
        await(() -> invoices.findById(stored.getId()).orElseThrow().getConfirmedAt().stream().toList(), 1,
                "the confirmation recorded");
    }

    /**
     * The payer's two recorded invoice_requests are the same signed bytes (LDK sends it again when
     * the static invoice arrives), each with its own reply path: both are answered, the recipient
     * gets the request once, and the copy costs no rate-limit token ({@link RequestCopies}).
     */
    @Test
    void bothRecordedInvoiceRequestsAreServedTheStoredInvoiceAndTheRequestIsForwardedOnce() throws Exception {
        serveTheRecordedInvoice();
        StoredInvoice stored = invoices.findFirstByRecipientAndSlotOrderByIdDesc(recipient, SLOT).orElseThrow();
        List<PayerRequest> payerRequests = capture().payerRequests();

        List<Recorded> requests = new ArrayList<>();
        for (PayerRequest files : payerRequests) {
            Recorded request = recorded(files.wireIn(), Role.PAYER,
                    payload(files.request(), OnionMessageType.INVOICE_REQUEST));
            requests.add(request);

            RecordingResponder responder = deliver(request, PathContext.Kind.INVOICE_REQUEST);

            assertThat(responder.responses).as("answer to %s", files.request()).hasSize(1);
            RecordingResponder.Response answer = responder.responses.get(0);
            assertThat(answer.message())
                    .isEqualTo(new TlvRecord(OnionMessageType.STATIC_INVOICE.tlvType(), stored.getInvoice()))
                    .isEqualTo(payload(files.answer(), OnionMessageType.STATIC_INVOICE));
            assertThat(answer.ourReplyPath()).as("LDK's answer offers none either")
                    .isEqualTo(peel(wire(files.answerWireOut()), Role.PAYER).replyPath()).isEmpty();
        }

        assertThat(payload(payerRequests.get(1).request(), OnionMessageType.INVOICE_REQUEST))
                .as("LDK's second request is a copy of its first")
                .isEqualTo(payload(payerRequests.get(0).request(), OnionMessageType.INVOICE_REQUEST));
        PeeledMessage.Receive atRecipient = forwardedToTheRecipient();
        assertThat(atRecipient.message()).contains(payload(payerRequests.get(0).forwarded(),
                OnionMessageType.INVOICE_REQUEST));
        assertThat(atRecipient.authenticated()).as("over the recipient's forward_invoice_request_path").isTrue();
        assertThat(atRecipient.replyPath()).as("the payer's reply path, as LDK forwards it")
                .isEqualTo(requests.get(0).replyPath()).isPresent();
        serves.flush();
        assertThat(invoices.findById(stored.getId()).orElseThrow().getServedCount())
                .isEqualTo(stored.getServedCount() + payerRequests.size());
    }

    /** One of the payer's two invoice_requests and what the LDK server made of it (capture file names). */
    record PayerRequest(String wireIn, String request, String forwarded, String answer, String answerWireOut) {
    }

    /**
     * The payer's held_htlc_available arrives over a real BOLT 8 connection from the
     * payer's node key. Relaying is deterministic (the next path key and packet follow from our
     * node key), so the mailbox row must be exactly what the LDK server's relay would have sent.
     */
    @Test
    void theRecordedHeldHtlcAvailableIsRelayedIntoTheRecipientsMailbox() throws Exception {
        OnionMessage recorded = wire(capture().heldHtlcWireIn());
        var ldkRelay = (PeeledMessage.Forward) new OnionPeeler(Role.SERVER.nodeKey(), Optional.empty())
                .peel(recorded.pathKey(), recorded.packet());
        long mailboxMark = mailboxMark();

        RoutedNode payer = new RoutedNode(Role.PAYER.nodeKey(), GatewayTestSupport.settings(Map.of()),
                new RoutedNode.MemoryMailbox(), new RoutedNode.MemoryAddressBook(), (message, responder) -> { });
        try {
            payer.gateway.connect(identity.nodeId(), gateway.boundAddress()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(payer.sender.forward(identity.nodeId(), recorded).get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .isEqualTo(Delivery.SENT);

            OnionMessage relayed = await(() -> mailboxFor(Role.RECIPIENT, mailboxMark), 1, "held_htlc_available")
                    .get(0);
            assertThat(relayed).isEqualTo(new OnionMessage(ldkRelay.nextPathKey(), ldkRelay.nextPacket().encode()));
            PeeledMessage.Receive atRecipient = peel(relayed, Role.RECIPIENT);
            assertThat(atRecipient.message()).contains(payload("payer-0005-out-held_htlc_available-tlv72.hex",
                    OnionMessageType.HELD_HTLC_AVAILABLE));
            assertThat(atRecipient.authenticated()).isTrue();
        } finally {
            payer.close();
        }
    }

    /**
     * Connects as the LDK recipient and reads its mail until an invoice_request comes
     * (confirmations from the mailbox may come before it), peeled with the recipient's keys.
     */
    private PeeledMessage.Receive forwardedToTheRecipient() throws Exception {
        try (RawPeer recipient = RawPeer.connected(gateway, Role.RECIPIENT.nodeKey(),
                new Init(LightningGateway.FEATURES, List.of(), Optional.empty()))) {
            while (true) {
                PeeledMessage.Receive received = peel(recipient.receiveOnionMessages(1).get(0), Role.RECIPIENT);
                if (received.message().map(TlvRecord::type).orElse(-1L) == OnionMessageType.INVOICE_REQUEST.tlvType()) {
                    return received;
                }
            }
        }
    }

    /** What serving the recorded invoice produced: the direct answers, and the one mailbox row for the recipient. */
    private record Served(RecordingResponder responder, OnionMessage confirmation) {
    }

    /**
     * Feeds the recorded ServeStaticInvoice (server-0005) to the server and waits for the
     * confirmation it sends the offline recipient. The invoice's offer was built on the paths the
     * LDK server issued in its OfferPaths (server-0002), not on paths of ours, and the recipient's
     * signature rules out rebuilding it on ours; so those paths are first recorded as issued for
     * (recipient1, slot 0), which is what our own OfferPaths answer does for the paths it issues.
     * Without that, the server rightly refuses the invoice as built on foreign paths.
     */
    private Served serveTheRecordedInvoice() throws DecodeException {
        StaticInvoice invoice = recordedInvoice();
        List<BlindedMessagePath> ldkOfferPaths = ldkOfferPaths().paths();
        assertThat(invoice.offer().paths()).isEqualTo(ldkOfferPaths);
        Instant now = clock.instant();
        if (!offerPathRegistry.allIssued(recipient, SLOT, ldkOfferPaths, now)) {
            offerPathRegistry.record(recipient, SLOT, ldkOfferPaths, now, invoice.expiresAt());
        }
        Recorded serve = recorded("server-0004-wire-in-onion_message-from-02888f2e.hex", Role.RECIPIENT,
                payload("server-0005-in-serve_static_invoice-tlv75544.hex", OnionMessageType.SERVE_STATIC_INVOICE));
        long mailboxMark = mailboxMark();
        RecordingResponder responder = deliver(serve, PathContext.Kind.SERVE_STATIC_INVOICE);
        List<OnionMessage> confirmation = await(() -> mailboxFor(Role.RECIPIENT, mailboxMark), 1,
                "StaticInvoicePersisted for the recipient");
        return new Served(responder, confirmation.get(0));
    }

    private StaticInvoice recordedInvoice() throws DecodeException {
        ServeStaticInvoice serve = (ServeStaticInvoice) AsyncPaymentsMessage.decode(
                payload("server-0005-in-serve_static_invoice-tlv75544.hex", OnionMessageType.SERVE_STATIC_INVOICE));
        return StaticInvoice.parse(serve.invoice());
    }

    /** The OfferPaths the LDK server answered the recipient with. */
    private OfferPaths ldkOfferPaths() throws DecodeException {
        return (OfferPaths) AsyncPaymentsMessage.decode(
                payload("server-0002-out-offer_paths-tlv75542.hex", OnionMessageType.OFFER_PATHS));
    }

    /** A logged onion message payload value as the message TLV of {@code type}. */
    private TlvRecord payload(String file, OnionMessageType type) {
        return new TlvRecord(type.tlvType(), LdkFixtures.hex(capture().raw() + file));
    }

    /** A message the LDK server received: who handed it over, its payload, and its sender's reply path. */
    private record Recorded(NodeId from, TlvRecord message, Optional<BlindedMessagePath> replyPath) {
    }

    /**
     * The recorded wire message peeled as the LDK server peeled it; its payload must be the one the
     * LDK server logged.
     */
    private Recorded recorded(String wireFile, Role sender, TlvRecord payload) throws DecodeException {
        PeeledMessage.Receive received = peel(wire(wireFile), Role.SERVER);
        assertThat(received.message()).contains(payload);
        return new Recorded(new NodeId(sender.nodeKey().publicKey()), payload, received.replyPath());
    }

    /** Hands {@code recorded} to the server as if it came over one of our paths of {@code kind} for recipient1. */
    private RecordingResponder deliver(Recorded recorded, PathContext.Kind kind) {
        byte[] pathId = keys.contexts().write(new PathContext(kind, RecipientReference.of(recipient), SLOT,
                clock.instant().plus(OFFER_PATHS_EXPIRY)));
        RecordingResponder responder = new RecordingResponder(recorded.replyPath());
        server.onMessage(new ReceivedMessage(recorded.from(), recorded.message(), Optional.of(pathId),
                Optional.empty(), recorded.replyPath()), responder);
        return responder;
    }

    /**
     * The context at the end of one of our paths: a message of {@code type} sent over it by
     * another node must peel here, through our dummy hops, to an authenticated path_id.
     */
    private PathContext contextAtEndOf(BlindedMessagePath path, OnionMessageType type) throws DecodeException {
        OutboundOnionMessage sent;
        try {
            sent = new OnionMessageBuilder(PrivateKey.random(), Optional.empty())
                    .build(List.of(), path, new TlvRecord(type.tlvType(), new byte[0]), Optional.empty());
        } catch (OnionMessageSendException e) {
            throw new AssertionError("cannot send over " + path, e);
        }
        assertThat(sent.firstNodeId()).isEqualTo(identity.nodeId().key());
        var received = (PeeledMessage.Receive) new OnionPeeler(identity.privateKey(),
                Optional.of(identity.receiveAuthKey())).peel(sent.pathKey(), sent.packet());
        assertThat(received.authenticated()).isTrue();
        return keys.contexts().read(received.pathId().orElseThrow());
    }

    /** What a path looks like from outside: introduction node, then each hop's encrypted payload length. */
    static List<List<Object>> shapes(List<BlindedMessagePath> paths) {
        return paths.stream().map(path -> {
            List<Object> shape = new ArrayList<>();
            shape.add(path.introductionNode());
            path.hops().stream().map(BlindedHop::payloadLength).forEach(shape::add);
            return shape;
        }).toList();
    }

    private OnionMessage wire(String file) throws DecodeException {
        return OnionMessage.decodeBody(LdkFixtures.hex(capture().raw() + file));
    }

    /** Peels {@code message} as {@code receiver} (its node key and LDK receive auth key); it must end there. */
    private static PeeledMessage.Receive peel(OnionMessage message, Role receiver) throws DecodeException {
        PeeledMessage peeled = new OnionPeeler(receiver.nodeKey(), Optional.of(receiver.receiveAuthKey()))
                .peel(message.pathKey(), message.packet());
        assertThat(peeled).isInstanceOf(PeeledMessage.Receive.class);
        return (PeeledMessage.Receive) peeled;
    }

    private long mailboxMark() {
        return JdbcClient.create(dataSource).sql("select coalesce(max(id), 0) from sis.mailbox_message")
                .query(Long.class).single();
    }

    /**
     * The onion messages waiting in the mailbox for {@code destination}, stored after {@code mark}:
     * relayed onions as stored, the server's own messages built as delivery builds them.
     */
    private List<OnionMessage> mailboxFor(Role destination, long mark) {
        return JdbcClient.create(dataSource)
                .sql("select message, unbuilt from sis.mailbox_message where destination_node_id = :node and id > :mark "
                        + "order by id")
                .param("node", destination.nodeKey().publicKey().bytes())
                .param("mark", mark)
                .query((row, index) -> onion(row.getBytes(1), row.getBoolean(2)))
                .list();
    }

    private OnionMessage onion(byte[] body, boolean unbuilt) {
        try {
            return unbuilt
                    ? UnbuiltOnionMessage.decode(body).build(identity.onionMessageBuilder(UnblindingCache.none(identity.privateKey())))
                    : OnionMessage.decodeBody(body);
        } catch (DecodeException | OnionMessageSendException e) {
            throw new AssertionError("mailbox row is no onion message: " + e.getMessage(), e);
        }
    }

    /** Polls until {@code read} returns {@code count} items (failing on more, or on none in time). */
    private static <T> List<T> await(Supplier<List<T>> read, int count, String what) {
        List<T> items = Awaitility.await(what).atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .until(read::get, found -> found.size() >= count);
        assertThat(items).as(what).hasSize(count);
        return items;
    }

    /** A {@link Responder} test double: records what the server answers on the sender's reply path. */
    private static final class RecordingResponder implements Responder {

        /** One answer and the reply path the server offered with it. */
        record Response(TlvRecord message, Optional<BlindedMessagePath> ourReplyPath) {
        }

        private final Optional<BlindedMessagePath> replyPath;
        private final List<Response> responses = new CopyOnWriteArrayList<>();

        RecordingResponder(Optional<BlindedMessagePath> replyPath) {
            this.replyPath = replyPath;
        }

        @Override
        public boolean canRespond() {
            return replyPath.isPresent();
        }

        @Override
        public CompletableFuture<Delivery> respond(TlvRecord message, Optional<BlindedMessagePath> ourReplyPath) {
            responses.add(new Response(message, ourReplyPath));
            return CompletableFuture.completedFuture(Delivery.SENT);
        }

        /** The replay has no connection: every answer is taken as going elsewhere. */
        @Override
        public Optional<Peer> returnConnection() {
            return Optional.empty();
        }
    }
}
