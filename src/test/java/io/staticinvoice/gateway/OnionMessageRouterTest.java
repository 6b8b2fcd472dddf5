package io.staticinvoice.gateway;

import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.onion.BlindedPathFactory;
import io.staticinvoice.lightning.onion.EncryptedData;
import io.staticinvoice.lightning.onion.OnionMessageType;
import io.staticinvoice.lightning.onion.ReceiveAuthKey;
import io.staticinvoice.lightning.onion.RouteBlinding;
import io.staticinvoice.lightning.wire.OnionMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.staticinvoice.gateway.GatewayTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

/** Onion message routing between real gateways over loopback: peel, relay, receive, reply, mailbox. */
class OnionMessageRouterTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final TlvRecord OFFER_PATHS_REQUEST =
            new TlvRecord(OnionMessageType.OFFER_PATHS_REQUEST.tlvType(), new byte[] {0, 1, 2, 3, 4});
    private static final TlvRecord OFFER_PATHS =
            new TlvRecord(OnionMessageType.OFFER_PATHS.tlvType(), new byte[] {9, 9});

    @Test
    void deliversAcrossATwoHopBlindedPathAndAnswersOnTheReplyPath() throws Exception {
        RoutedNode.MemoryMailbox mailboxA = new RoutedNode.MemoryMailbox();
        try (RoutedNode alice = RoutedNode.start(mailboxA);
             RoutedNode bob = new RoutedNode(PrivateKey.random(), GatewayTestSupport.settings(Map.of()),
                     new RoutedNode.MemoryMailbox(), new RoutedNode.MemoryAddressBook(),
                     (message, responder) -> responder.respond(OFFER_PATHS, Optional.empty()))) {
            alice.connectTo(bob);
            BlindedMessagePath toBob = bob.pathThrough(List.of(alice.id()), "bob-path");
            BlindedMessagePath replyToAlice = alice.pathThrough(List.of(), "alice-reply");

            Delivery delivery = alice.sender.send(toBob, OFFER_PATHS_REQUEST, Optional.of(replyToAlice))
                    .get(5, TimeUnit.SECONDS);

            assertThat(delivery).isEqualTo(Delivery.SENT);
            RoutedNode.Delivered atBob = bob.received.poll(5, TimeUnit.SECONDS);
            assertThat(atBob).isNotNull();
            assertThat(atBob.message().message()).isEqualTo(OFFER_PATHS_REQUEST);
            assertThat(atBob.pathIdText()).isEqualTo("bob-path");
            assertThat(atBob.message().receivedFrom()).isEqualTo(alice.id());
            assertThat(atBob.responder().canRespond()).isTrue();

            RoutedNode.Delivered atAlice = alice.received.poll(5, TimeUnit.SECONDS);
            assertThat(atAlice).isNotNull();
            assertThat(atAlice.message().message()).isEqualTo(OFFER_PATHS);
            assertThat(atAlice.pathIdText()).isEqualTo("alice-reply");
            assertThat(atAlice.responder().canRespond()).isFalse();
            assertThat(mailboxA.stored).isEmpty();
        }
    }

    @Test
    void aRelayForwardsToTheNextConnectedNode() throws Exception {
        try (RoutedNode sender = RoutedNode.start(new RoutedNode.MemoryMailbox());
             RoutedNode relay = RoutedNode.start(new RoutedNode.MemoryMailbox());
             RoutedNode recipient = RoutedNode.start(new RoutedNode.MemoryMailbox())) {
            sender.connectTo(relay);
            recipient.connectTo(relay);
            BlindedMessagePath path = recipient.pathThrough(List.of(relay.id()), "via-relay");

            assertThat(sender.sender.send(path, OFFER_PATHS_REQUEST, Optional.empty()).get(5, TimeUnit.SECONDS))
                    .isEqualTo(Delivery.SENT);

            RoutedNode.Delivered delivered = recipient.received.poll(5, TimeUnit.SECONDS);
            assertThat(delivered).isNotNull();
            assertThat(delivered.pathIdText()).isEqualTo("via-relay");
            assertThat(delivered.message().receivedFrom()).isEqualTo(relay.id());
            assertThat(delivered.responder().canRespond()).isFalse();
            assertThat(relay.received).isEmpty();
        }
    }

    @Test
    void aRelayStoresMessagesForAnOfflineNextNode() throws Exception {
        RoutedNode.MemoryMailbox relayMailbox = new RoutedNode.MemoryMailbox();
        try (RoutedNode sender = RoutedNode.start(new RoutedNode.MemoryMailbox());
             RoutedNode relay = RoutedNode.start(relayMailbox);
             RoutedNode offline = RoutedNode.start(new RoutedNode.MemoryMailbox())) {
            sender.connectTo(relay);
            BlindedMessagePath path = offline.pathThrough(List.of(relay.id()), "later");

            sender.sender.send(path, OFFER_PATHS_REQUEST, Optional.empty()).get(5, TimeUnit.SECONDS);

            await(WAIT, "relay stores it", () -> relayMailbox.stored.size() == 1);
            assertThat(relayMailbox.stored.get(0).getKey()).isEqualTo(offline.id());
        }
    }

    @Test
    void theSenderStoresWhenTheFirstHopIsUnreachableAndConnectsWhenItsAddressIsKnown() throws Exception {
        RoutedNode.MemoryMailbox mailbox = new RoutedNode.MemoryMailbox();
        RoutedNode.MemoryAddressBook addresses = new RoutedNode.MemoryAddressBook();
        try (RoutedNode sender = new RoutedNode(PrivateKey.random(), GatewayTestSupport.settings(Map.of()), mailbox,
                addresses, (message, responder) -> { });
             RoutedNode recipient = RoutedNode.start(new RoutedNode.MemoryMailbox())) {
            BlindedMessagePath path = recipient.pathThrough(List.of(), "direct");

            assertThat(sender.sender.send(path, OFFER_PATHS_REQUEST, Optional.empty()).get(5, TimeUnit.SECONDS))
                    .isEqualTo(Delivery.STORED);
            assertThat(mailbox.unbuilt).as("our own message waits unbuilt")
                    .extracting(UnbuiltOnionMessage::firstHop).containsExactly(recipient.id());

            addresses.remember(recipient.id(), recipient.gateway.boundAddress());
            assertThat(sender.sender.send(path, OFFER_PATHS_REQUEST, Optional.empty()).get(5, TimeUnit.SECONDS))
                    .isEqualTo(Delivery.SENT);
            assertThat(recipient.received.poll(5, TimeUnit.SECONDS).pathIdText()).isEqualTo("direct");
            assertThat(sender.gateway.peers().get(recipient.id()).orElseThrow().direction()).isEqualTo(Direction.OUTBOUND);
        }
    }

    @Test
    void aKnownAddressThatDoesNotAnswerFallsBackToTheMailbox() throws Exception {
        RoutedNode.MemoryMailbox mailbox = new RoutedNode.MemoryMailbox();
        RoutedNode.MemoryAddressBook addresses = new RoutedNode.MemoryAddressBook();
        try (RoutedNode sender = new RoutedNode(PrivateKey.random(), GatewayTestSupport.settings(Map.of()), mailbox,
                addresses, (message, responder) -> { })) {
            RoutedNode gone = RoutedNode.start(new RoutedNode.MemoryMailbox());
            addresses.remember(gone.id(), gone.gateway.boundAddress());
            BlindedMessagePath path = gone.pathThrough(List.of(), "gone");
            gone.close();

            assertThat(sender.sender.send(path, OFFER_PATHS_REQUEST, Optional.empty()).get(5, TimeUnit.SECONDS))
                    .isEqualTo(Delivery.STORED);
            assertThat(mailbox.unbuilt).extracting(UnbuiltOnionMessage::firstHop).containsExactly(gone.id());
        }
    }

    @Test
    void invalidOnionsAreDroppedAndCounted() throws Exception {
        try (RoutedNode alice = RoutedNode.start(new RoutedNode.MemoryMailbox());
             RoutedNode bob = RoutedNode.start(new RoutedNode.MemoryMailbox())) {
            Peer toBob = alice.connectTo(bob);
            toBob.send(new OnionMessage(PrivateKey.random().publicKey(), new byte[1366])).get(5, TimeUnit.SECONDS);
            await(WAIT, "invalid onion counted", () -> bob.drops(GatewayMetrics.Drop.INVALID_ONION) == 1);
            assertThat(bob.received).isEmpty();
        }
    }

    @Test
    void messagesOverPathsWeDidNotCreateCarryNoPathId() throws Exception {
        try (RoutedNode alice = RoutedNode.start(new RoutedNode.MemoryMailbox());
             RoutedNode bob = RoutedNode.start(new RoutedNode.MemoryMailbox())) {
            alice.connectTo(bob);
            BlindedMessagePath anyonesPath = RouteBlinding.blind(PrivateKey.random(), List.of(new RouteBlinding.HopToBlind(
                    bob.id().key(), EncryptedData.receiveWithPathId(new byte[] {1, 2, 3}).encode(), Optional.empty())));
            alice.sender.send(anyonesPath, OFFER_PATHS_REQUEST, Optional.empty()).get(5, TimeUnit.SECONDS);
            RoutedNode.Delivered delivered = bob.received.poll(5, TimeUnit.SECONDS);
            assertThat(delivered).isNotNull();
            assertThat(delivered.message().pathId()).as("not authenticated by bob's key").isEmpty();
        }
    }

    @Test
    void pathsSealedWithAnotherKeyAreRejected() throws Exception {
        try (RoutedNode alice = RoutedNode.start(new RoutedNode.MemoryMailbox());
             RoutedNode bob = RoutedNode.start(new RoutedNode.MemoryMailbox())) {
            alice.connectTo(bob);
            BlindedMessagePath forged = BlindedPathFactory.create(List.of(), bob.id().key(), 0, ReceiveAuthKey.random(),
                    EncryptedData.receiveWithPathId(new byte[] {1, 2, 3}));
            alice.sender.send(forged, OFFER_PATHS_REQUEST, Optional.empty()).get(5, TimeUnit.SECONDS);
            await(WAIT, "forgery dropped", () -> bob.drops(GatewayMetrics.Drop.INVALID_ONION) == 1);
            assertThat(bob.received).isEmpty();
        }
    }
}
