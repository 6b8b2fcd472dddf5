package io.staticinvoice.lightning.onion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.crypto.PublicKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnblindingCacheTest {

    private static final TlvRecord MESSAGE = new TlvRecord(OnionMessageType.INVOICE_REQUEST.tlvType(), new byte[900]);

    private final PrivateKey node = PrivateKey.random();
    private final ReceiveAuthKey authKey = ReceiveAuthKey.random();

    @Test
    void remembersWhatRouteBlindingComputes() {
        UnblindingCache cache = new UnblindingCache(node, 10);
        PublicKey pathKey = PrivateKey.random().publicKey();

        RouteBlinding.Unblinding first = cache.unblind(pathKey);
        RouteBlinding.Unblinding again = cache.unblind(pathKey);
        RouteBlinding.Unblinding fresh = RouteBlinding.unblind(node, pathKey);

        assertThat(again).isSameAs(first);
        assertThat(first.sharedSecret()).isEqualTo(fresh.sharedSecret());
        assertThat(first.nextPathKey()).isEqualTo(fresh.nextPathKey()).isSameAs(again.nextPathKey());
        assertThat(first.blindedPrivateKey()).isEqualTo(fresh.blindedPrivateKey());
    }

    @Test
    void forgetsTheLeastRecentlyUsedBeyondItsCapacity() {
        UnblindingCache cache = new UnblindingCache(node, 2);
        PublicKey a = PrivateKey.random().publicKey();
        PublicKey b = PrivateKey.random().publicKey();
        RouteBlinding.Unblinding firstA = cache.unblind(a);
        RouteBlinding.Unblinding firstB = cache.unblind(b);
        cache.unblind(a);

        cache.unblind(PrivateKey.random().publicKey());

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.unblind(a)).isSameAs(firstA);
        assertThat(cache.unblind(b)).isNotSameAs(firstB);
    }

    @Test
    void capacityZeroRemembersNothing() {
        UnblindingCache none = UnblindingCache.none(node);
        PublicKey pathKey = PrivateKey.random().publicKey();

        assertThat(none.unblind(pathKey)).isNotSameAs(none.unblind(pathKey));
        assertThat(none.size()).isZero();
        assertThatThrownBy(() -> new UnblindingCache(node, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCachingPeelerReceivesOverOurDummyHopsAsOften() throws Exception {
        UnblindingCache cache = new UnblindingCache(node, 100);
        OnionPeeler cached = new OnionPeeler(cache, Optional.of(authKey));
        OnionPeeler uncached = new OnionPeeler(node, Optional.of(authKey));
        BlindedMessagePath offerPath = BlindedPathFactory.create(List.of(), node.publicKey(), 3, authKey,
                EncryptedData.receiveWithPathId("offer".getBytes(StandardCharsets.US_ASCII)));

        for (int payer = 0; payer < 3; payer++) {
            OutboundOnionMessage sent = new OnionMessageBuilder(PrivateKey.random(), Optional.empty())
                    .build(List.of(), offerPath, MESSAGE, Optional.empty());
            PeeledMessage.Receive viaCache = (PeeledMessage.Receive) cached.peel(sent.pathKey(), sent.packet());
            PeeledMessage.Receive direct = (PeeledMessage.Receive) uncached.peel(sent.pathKey(), sent.packet());

            assertThat(viaCache.message()).contains(MESSAGE).isEqualTo(direct.message());
            assertThat(viaCache.pathId()).hasValueSatisfying(id -> assertThat(id).isEqualTo(direct.pathId().get()));
            assertThat(viaCache.authenticated()).isTrue();
            assertThat(viaCache.dummyHops()).isEqualTo(3);
        }
        assertThat(cache.size()).as("our hop and 3 dummy hops, whoever sends").isEqualTo(4);
    }

    @Test
    void aCachingBuilderStepsPastOurHopOfAStoredPath() throws Exception {
        PrivateKey recipient = PrivateKey.random();
        ReceiveAuthKey recipientAuth = ReceiveAuthKey.random();
        BlindedMessagePath forwardPath = BlindedPathFactory.create(List.of(BlindedPathFactory.ForwardNode.of(
                node.publicKey())), recipient.publicKey(), 0, recipientAuth, EncryptedData.receiveWithPathId(new byte[4]));
        UnblindingCache cache = new UnblindingCache(node, 100);
        OnionMessageBuilder builder = new OnionMessageBuilder(cache, Optional.of(authKey));
        OnionPeeler atRecipient = new OnionPeeler(recipient, Optional.of(recipientAuth));

        for (int request = 0; request < 2; request++) {
            OutboundOnionMessage sent = builder.build(List.of(), forwardPath, MESSAGE, Optional.empty());

            assertThat(sent.firstNodeId()).isEqualTo(recipient.publicKey());
            assertThat(((PeeledMessage.Receive) atRecipient.peel(sent.pathKey(), sent.packet())).message())
                    .contains(MESSAGE);
        }
        assertThat(cache.size()).isEqualTo(1);
    }
}
