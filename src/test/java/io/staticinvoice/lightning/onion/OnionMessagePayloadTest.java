package io.staticinvoice.lightning.onion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.crypto.PrivateKey;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OnionMessagePayloadTest {

    @Test
    void finalPayloadRoundTripsWithReplyPathMessageAndUnknownOdd() throws DecodeException {
        BlindedMessagePath replyPath = BlindedPathFactory.create(List.of(), PrivateKey.random().publicKey(), 1,
                ReceiveAuthKey.random(), EncryptedData.receiveWithPathId(new byte[] {1}));
        OnionMessagePayload payload = new OnionMessagePayload(Optional.of(replyPath), Optional.of(new byte[] {9, 9}),
                Optional.of(new TlvRecord(70, new byte[] {1})), List.of(new TlvRecord(7, new byte[] {2})));

        OnionMessagePayload decoded = OnionMessagePayload.decode(payload.encode());

        assertThat(decoded).isEqualTo(payload);
        assertThat(decoded.replyPath()).contains(replyPath);
        assertThat(decoded.messageType()).contains(OnionMessageType.STATIC_INVOICE);
        assertThat(decoded.messageOf(OnionMessageType.STATIC_INVOICE)).hasValueSatisfying(v -> assertThat(v).containsExactly(1));
        assertThat(decoded.messageOf(OnionMessageType.INVOICE)).isEmpty();
        assertThat(decoded.hasFinalHopFields()).isTrue();
        assertThat(OnionMessagePayload.forwarding(new byte[] {1}).hasFinalHopFields()).isFalse();
    }

    @Test
    void unknownOddMessageTypesAreKeptAsTheMessage() throws DecodeException {
        OnionMessagePayload payload = OnionMessagePayload.decode(Hex.decode("04010a" + "fe000125f10100"));

        assertThat(payload.message()).contains(new TlvRecord(75249, new byte[] {0}));
        assertThat(payload.messageType()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "0401aa4001004201ff,   more than one message (types 64 and 66)",
            "0401aa4101004201ff,   more than one message (types 65 and 66)",
            "0401aa0600,           unknown even TLV type 6",
            "0401aa6c00,           unknown even TLV type 108",
            "0201ff,               invalid introduction node",
    })
    void rejectsMalformedPayloads(String hex, String reason) {
        assertThatThrownBy(() -> OnionMessagePayload.decode(Hex.decode(hex))).isInstanceOf(DecodeException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void rejectsTrailingBytesAfterTheReplyPath() {
        BlindedMessagePath path = BlindedPathFactory.create(List.of(), PrivateKey.random().publicKey(), 0,
                ReceiveAuthKey.random(), EncryptedData.receiveWithPathId(new byte[] {1}));
        ByteWriter value = new ByteWriter();
        path.write(value);
        value.u8(0);
        byte[] record = new ByteWriter().bigSize(2).bigSize(value.size()).bytes(value.toByteArray()).toByteArray();

        assertThatThrownBy(() -> OnionMessagePayload.decode(record)).hasMessage("reply_path has 1 trailing bytes");
    }
}
