package io.staticinvoice.gateway;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.onion.BlindedPathFactory;
import io.staticinvoice.lightning.onion.EncryptedData;
import io.staticinvoice.lightning.onion.OnionPeeler;
import io.staticinvoice.lightning.onion.PeeledMessage;
import io.staticinvoice.lightning.onion.UnblindingCache;
import io.staticinvoice.lightning.wire.OnionMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The mailbox form of our own messages: encoding round trips, strict decoding, and building at delivery. */
class UnbuiltOnionMessageTest {

    private final NodeIdentity wallet = NodeIdentity.of(PrivateKey.random());
    private final NodeIdentity server = NodeIdentity.of(PrivateKey.random());
    private final TlvRecord invoiceRequest = new TlvRecord(64, new byte[1200]);

    private BlindedMessagePath pathToWallet(String pathId) {
        return BlindedPathFactory.create(List.of(), wallet.nodeId().key(), 2, wallet.receiveAuthKey(),
                EncryptedData.receiveWithPathId(pathId.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void roundTripsWithAndWithoutAReplyPath() throws DecodeException {
        UnbuiltOnionMessage bare = new UnbuiltOnionMessage(pathToWallet("a"), invoiceRequest, Optional.empty());
        UnbuiltOnionMessage answerable = new UnbuiltOnionMessage(pathToWallet("b"), invoiceRequest,
                Optional.of(pathToWallet("reply")));

        assertThat(UnbuiltOnionMessage.decode(bare.encode())).isEqualTo(bare);
        assertThat(UnbuiltOnionMessage.decode(answerable.encode())).isEqualTo(answerable);
        assertThat(bare.firstHop()).isEqualTo(wallet.nodeId());
    }

    @Test
    void refusesTrailingTruncatedAndMalformedEncodings() {
        byte[] encoded = new UnbuiltOnionMessage(pathToWallet("a"), invoiceRequest, Optional.empty()).encode();
        byte[] trailing = Arrays.copyOf(encoded, encoded.length + 1);
        byte[] truncated = Arrays.copyOf(encoded, encoded.length - 2);
        byte[] badPresence = encoded.clone();
        badPresence[badPresence.length - 1] = 2;

        assertThatThrownBy(() -> UnbuiltOnionMessage.decode(trailing)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("trailing");
        assertThatThrownBy(() -> UnbuiltOnionMessage.decode(truncated)).isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> UnbuiltOnionMessage.decode(badPresence)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("presence");
    }

    @Test
    void buildsAnOnionThatTheFirstHopPeelsToTheMessage() throws Exception {
        BlindedMessagePath replyPath = pathToWallet("reply");
        UnbuiltOnionMessage unbuilt = new UnbuiltOnionMessage(pathToWallet("later"), invoiceRequest,
                Optional.of(replyPath));

        OnionMessage onion = unbuilt.build(server.onionMessageBuilder(UnblindingCache.none(server.privateKey())));

        var received = (PeeledMessage.Receive) new OnionPeeler(wallet.privateKey(), Optional.of(wallet.receiveAuthKey()))
                .peel(onion.pathKey(), onion.packet());
        assertThat(received.message()).contains(invoiceRequest);
        assertThat(received.pathId()).contains("later".getBytes(StandardCharsets.UTF_8));
        assertThat(received.replyPath()).contains(replyPath);
    }
}
