package io.staticinvoice.server;

import static io.staticinvoice.server.ProtocolHarness.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.staticinvoice.check.Payer;
import io.staticinvoice.gateway.NodeIdentity;
import io.staticinvoice.gateway.ReceivedMessage;
import io.staticinvoice.lightning.asyncpay.ServeStaticInvoice;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.offers.InvoiceRequest;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.onion.BlindedPathFactory;
import io.staticinvoice.lightning.onion.EncryptedData;
import io.staticinvoice.lightning.onion.OnionMessageType;
import io.staticinvoice.reference.ReferenceRecipient;
import io.staticinvoice.server.ProtocolHarness.Handover;
import io.staticinvoice.server.RecipientService.Registration;
import io.staticinvoice.store.InvoiceStatus;
import io.staticinvoice.store.RateOverride;
import io.staticinvoice.store.StoredInvoice;
import io.staticinvoice.store.StoredInvoiceRepository;
import io.staticinvoice.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The server's refusals and state changes, end to end over TCP and PostgreSQL: each case drops
 * what it must (counted by reason), answers nothing it must not, and leaves stored state intact.
 */
@IntegrationTest
class ProtocolScenariosTest {

    private static final Duration QUIET = Duration.ofSeconds(2);

    @Autowired ProtocolHarness harness;
    @Autowired StoredInvoiceRepository invoices;
    @Autowired InvoiceService invoiceService;
    @Autowired RecipientService recipientService;
    @Autowired RequestStats stats;
    @Autowired NodeIdentity serverIdentity;

    @Test
    void aNewInvoiceForTheSameSlotSupersedesTheOldOne() throws Exception {
        Registration registration = harness.register(null);
        try (ReferenceRecipient recipient = harness.recipient(PrivateKey.random());
             Payer payer = harness.payer()) {
            Handover first = harness.handOver(recipient, registration, 1, TIMEOUT);
            Handover second = harness.handOver(recipient, registration, 1, TIMEOUT);
            assertThat(first.confirmed()).isTrue();
            assertThat(second.confirmed()).isTrue();

            assertThat(statusesOf(registration)).containsExactlyInAnyOrder(InvoiceStatus.SUPERSEDED, InvoiceStatus.ACTIVE);
            payer.request(second.offer(), payer.invoiceRequest(second.offer()), true);
            assertThat(payer.staticInvoice(TIMEOUT)).contains(second.invoice());
        }
    }

    @Test
    void aRevokedInvoiceIsNoLongerServedButRequestsAreStillForwarded() throws Exception {
        Registration registration = harness.register(null);
        try (ReferenceRecipient recipient = harness.recipient(PrivateKey.random());
             Payer payer = harness.payer()) {
            Handover handover = harness.handOver(recipient, registration, 0, TIMEOUT);
            invoiceService.revoke(currentInvoiceId(registration), "lost phone", "test");

            InvoiceRequest request = payer.invoiceRequest(handover.offer());
            payer.request(handover.offer(), request, true);

            ReceivedMessage forwarded = recipient.await(OnionMessageType.INVOICE_REQUEST, TIMEOUT);
            assertThat(forwarded.message().value()).isEqualTo(request.bytes());
            assertThat(payer.staticInvoice(QUIET)).isEmpty();
            assertThat(dropped("invoice_not_active")).isPositive();
        }
    }

    @Test
    void aRevokedRecipientGetsNoAnswersAndItsPayersNoInvoice() throws Exception {
        Registration registration = harness.register(null);
        try (ReferenceRecipient recipient = harness.recipient(PrivateKey.random());
             Payer payer = harness.payer()) {
            Handover handover = harness.handOver(recipient, registration, 0, TIMEOUT);
            recipientService.revoke(registration.recipient().getRecipientId(), "test");

            payer.request(handover.offer(), payer.invoiceRequest(handover.offer()), true);
            recipient.sendOfferPathsRequest(ProtocolHarness.serverPath(registration), 1);

            assertThat(payer.staticInvoice(QUIET)).isEmpty();
            assertThat(recipient.poll(OnionMessageType.OFFER_PATHS, QUIET)).isEmpty();
            assertThat(statusesOf(registration)).containsExactly(InvoiceStatus.REVOKED);
            assertThat(dropped("revoked_recipient")).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void expiredServerPathsAreRefused() throws Exception {
        Instant registered = Instant.now();
        Registration registration = harness.register(Duration.ofSeconds(1));
        Awaitility.await("the server paths expired").atMost(Duration.ofSeconds(10))
                .until(() -> Instant.now().isAfter(registered.plusMillis(1_500)));
        try (ReferenceRecipient recipient = harness.recipient(PrivateKey.random())) {
            recipient.sendOfferPathsRequest(ProtocolHarness.serverPath(registration), 0);

            assertThat(recipient.poll(OnionMessageType.OFFER_PATHS, QUIET)).isEmpty();
            assertThat(dropped("expired_context")).isPositive();
        }
    }

    @Test
    void aSlotAtOrAboveTheRecipientsMaximumGetsNoOfferPaths() throws Exception {
        Registration registration = harness.register(null);
        try (ReferenceRecipient recipient = harness.recipient(PrivateKey.random())) {
            recipient.sendOfferPathsRequest(ProtocolHarness.serverPath(registration),
                    registration.recipient().getMaxSlots());

            assertThat(recipient.poll(OnionMessageType.OFFER_PATHS, QUIET)).isEmpty();
            assertThat(dropped("slot_out_of_range")).isPositive();
        }
    }

    @Test
    void aForgedContextNeverReachesTheDatabase() throws Exception {
        Registration registration = harness.register(null);
        BlindedMessagePath forged = BlindedPathFactory.create(List.of(), serverIdentity.nodeId().key(), 3,
                serverIdentity.receiveAuthKey(), EncryptedData.receiveWithPathId(new byte[80]));
        try (ReferenceRecipient recipient = harness.recipient(PrivateKey.random())) {
            recipient.sendOfferPathsRequest(forged, 0);

            assertThat(recipient.poll(OnionMessageType.OFFER_PATHS, QUIET)).isEmpty();
            assertThat(dropped("forged_context")).isPositive();
            assertThat(statusesOf(registration)).isEmpty();
        }
    }

    @Test
    void aContextReplayedOnTheWrongMessageTypeIsDropped() throws Exception {
        Registration registration = harness.register(null);
        try (ReferenceRecipient recipient = harness.recipient(PrivateKey.random())) {
            Handover handover = harness.handOver(recipient, registration, 0, TIMEOUT);
            BlindedMessagePath forwardPath = recipient.forwardPath(serverIdentity.nodeId());
            recipient.send(ProtocolHarness.serverPath(registration),
                    new ServeStaticInvoice(handover.invoice(), forwardPath).toRecord(),
                    Optional.of(recipient.pathThrough(List.of(), "invoice-persisted")));

            assertThat(recipient.confirmed(QUIET)).isFalse();
            assertThat(dropped("wrong_context_kind")).isPositive();
            assertThat(statusesOf(registration)).containsExactly(InvoiceStatus.ACTIVE);
        }
    }

    @Test
    void anOversizeInvoiceIsRefused() throws Exception {
        Registration registration = harness.register(null);
        try (ReferenceRecipient recipient = harness.recipient(PrivateKey.random())) {
            Handover handover = harness.handOver(recipient, registration, 0, QUIET,
                    (node, offer, forwardPath) -> node.invoice(offer, forwardPath, Instant.now(), 40).bytes());

            assertThat(handover.invoice().length).isGreaterThan(5 * 1024);
            assertThat(handover.confirmed()).isFalse();
            assertThat(dropped("invoice_too_large")).isPositive();
            assertThat(statusesOf(registration)).isEmpty();
        }
    }

    @Test
    void anInvoiceIsServedOnlyUntilItsOfferExpires() throws Exception {
        Registration registration = harness.register(null);
        Instant offerExpiry = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        try (ReferenceRecipient recipient = harness.recipient(PrivateKey.random())) {
            Handover handover = harness.handOver(recipient, registration, 0, TIMEOUT, (node, offer, forwardPath) ->
                    node.invoice(node.offer(offer.contents().paths(), offerExpiry), forwardPath, Instant.now()).bytes());

            assertThat(handover.confirmed()).isTrue();
            assertThat(invoices.findById(currentInvoiceId(registration))).get()
                    .extracting(StoredInvoice::getExpiresAt).isEqualTo(offerExpiry);
        }
    }

    @Test
    void anInvoiceWithABadSignatureIsRefused() throws Exception {
        Registration registration = harness.register(null);
        try (ReferenceRecipient recipient = harness.recipient(PrivateKey.random())) {
            Handover handover = harness.handOver(recipient, registration, 0, QUIET, (node, offer, forwardPath) -> {
                byte[] bytes = node.invoice(offer, forwardPath, Instant.now()).bytes();
                bytes[bytes.length - 1] ^= 1;
                return bytes;
            });

            assertThat(handover.confirmed()).isFalse();
            assertThat(dropped("bad_signature")).isPositive();
            assertThat(statusesOf(registration)).isEmpty();
        }
    }

    @Test
    void burstsOfInvoiceRequestsFromOnePeerBeyondItsShareOfTheBucketAreDropped() throws Exception {
        Registration registration = harness.register(null);
        try (ReferenceRecipient recipient = harness.recipient(PrivateKey.random());
             Payer payer = harness.payer()) {
            Handover handover = harness.handOver(recipient, registration, 0, TIMEOUT);
            // Five tokens and a refill slower than any test run: the outcome does not depend on timing.
            recipientService.update(registration.recipient().getRecipientId(), new RecipientService.RecipientUpdate(
                    null, null, new RateOverride(5, 3_600_000), null), "test");
            long before = dropped("rate_limited");
            long beforePeer = dropped("peer_rate_limited");
            for (int i = 0; i < 30; i++) {
                payer.request(handover.offer(), payer.invoiceRequest(handover.offer()), true);
            }
            int served = 0;
            while (payer.staticInvoice(QUIET).isPresent()) {
                served++;
            }
            assertThat(served).as("one payer: its peer's share of the 5, rounded up").isEqualTo(3);
            assertThat(dropped("peer_rate_limited") - beforePeer).isEqualTo(27);
            assertThat(dropped("rate_limited") - before).isZero();
        }
    }

    @Test
    void aPayerFloodingAnOfferCannotSilenceItForOthers() throws Exception {
        Registration registration = harness.register(null);
        recipientService.update(registration.recipient().getRecipientId(),
                new RecipientService.RecipientUpdate(null, null, new RateOverride(4, 3_600_000), null), "test");
        try (ReferenceRecipient recipient = harness.recipient(PrivateKey.random());
             Payer flooder = harness.payer();
             Payer payer = harness.payer()) {
            Handover handover = harness.handOver(recipient, registration, 0, TIMEOUT);
            long before = dropped("peer_rate_limited");
            for (int i = 0; i < 30; i++) {
                flooder.request(handover.offer(), flooder.invoiceRequest(handover.offer()), true);
            }
            payer.request(handover.offer(), payer.invoiceRequest(handover.offer()), true);
            assertThat(payer.staticInvoice(TIMEOUT)).as("the other payer is still answered").contains(handover.invoice());
            int flooderServed = 0;
            while (flooder.staticInvoice(QUIET).isPresent()) {
                flooderServed++;
            }
            assertThat(flooderServed).as("its peer's share: half the burst of 4").isEqualTo(2);
            assertThat(dropped("peer_rate_limited") - before).isEqualTo(28);
        }
    }

    @Test
    void copiesOfOneInvoiceRequestCostOneTokenAndAreAnsweredOncePerConnectionBack() throws Exception {
        Registration registration = harness.register(null);
        recipientService.update(registration.recipient().getRecipientId(),
                new RecipientService.RecipientUpdate(null, null, new RateOverride(1, 3_600_000), null), "test");
        try (ReferenceRecipient recipient = harness.recipient(PrivateKey.random());
             Payer payer = harness.payer();
             Payer other = harness.payer()) {
            Handover handover = harness.handOver(recipient, registration, 0, TIMEOUT);
            long before = dropped("rate_limited") + dropped("peer_rate_limited");
            long duplicates = dropped("duplicate_request");
            InvoiceRequest request = payer.invoiceRequest(handover.offer());
            payer.request(handover.offer(), request, true);
            assertThat(payer.staticInvoice(TIMEOUT)).contains(handover.invoice());

            // LDK's copy: the same bytes on a fresh reply path, introduced by the server, so the
            // answer would go back over the connection that carried the first one.
            payer.send(handover.offer().contents().paths().get(0),
                    new TlvRecord(OnionMessageType.INVOICE_REQUEST.tlvType(), request.bytes()),
                    Optional.of(payer.pathThrough(List.of(serverIdentity.nodeId()), "copy")));
            payer.request(handover.offer(), request, true);
            other.request(handover.offer(), request, true);
            assertThat(other.staticInvoice(TIMEOUT)).as("the copy over another connection").contains(handover.invoice());
            Awaitility.await("both copies over the first connection dropped").atMost(TIMEOUT)
                    .until(() -> dropped("duplicate_request") - duplicates == 2);
            assertThat(payer.staticInvoice(QUIET)).as("no second answer over the first connection").isEmpty();
            assertThat(dropped("rate_limited") + dropped("peer_rate_limited") - before).as("one token for four copies").isZero();
            assertThat(recipient.await(OnionMessageType.INVOICE_REQUEST, TIMEOUT).message().value()).isEqualTo(request.bytes());
            assertThat(recipient.poll(OnionMessageType.INVOICE_REQUEST, QUIET)).as("forwarded once").isEmpty();

            payer.request(handover.offer(), payer.invoiceRequest(handover.offer()), true);
            assertThat(payer.staticInvoice(QUIET)).as("another request finds the bucket of 1 spent").isEmpty();
            assertThat(dropped("rate_limited") + dropped("peer_rate_limited") - before).isEqualTo(1);
        }
    }

    private List<InvoiceStatus> statusesOf(Registration registration) {
        return invoices.findAll().stream()
                .filter(invoice -> invoice.getRecipient().getId().equals(registration.recipient().getId()))
                .map(StoredInvoice::getStatus).toList();
    }

    private long currentInvoiceId(Registration registration) {
        return invoices.findAll().stream()
                .filter(invoice -> invoice.getRecipient().getId().equals(registration.recipient().getId()))
                .filter(invoice -> invoice.getStatus().isCurrent())
                .findFirst().orElseThrow().getId();
    }

    private long dropped(String reason) {
        return stats.lastHour().getOrDefault("dropped." + reason, 0L);
    }
}
