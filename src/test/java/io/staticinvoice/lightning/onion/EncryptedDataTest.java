package io.staticinvoice.lightning.onion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.crypto.PublicKey;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EncryptedDataTest {

    private static final PublicKey NODE = PrivateKey.of(HexFormat.of().parseHex("41".repeat(32))).publicKey();
    private static final String NODE_TLV = "0421" + NODE.hex();

    @Test
    void rolesFollowFromTheFields() {
        assertThat(EncryptedData.forward(new NextMessageHop.NodeId(NODE), Optional.empty()).role())
                .isEqualTo(EncryptedData.Role.FORWARD);
        assertThat(EncryptedData.dummyHop().role()).isEqualTo(EncryptedData.Role.DUMMY);
        assertThat(EncryptedData.receiveWithPathId(new byte[] {1}).role()).isEqualTo(EncryptedData.Role.RECEIVE);
        assertThat(EncryptedData.receiveWithContext(new byte[] {1}).role()).isEqualTo(EncryptedData.Role.RECEIVE);
    }

    @Test
    void ldkFieldsRoundTrip() throws DecodeException {
        EncryptedData dummy = EncryptedData.dummyHop().withPadding(3);
        EncryptedData receive = EncryptedData.receiveWithContext(Hex.decode("0203"));
        EncryptedData scid = EncryptedData.forward(new NextMessageHop.ShortChannelId(0x0102030405060708L), Optional.of(NODE));

        assertThat(Hex.encode(dummy.encode())).isEqualTo("0103000000" + "fe00010003" + "00");
        assertThat(Hex.encode(receive.encode())).isEqualTo("fe00010001" + "02" + "0203");
        assertThat(Hex.encode(scid.encode())).isEqualTo("02080102030405060708" + "0821" + NODE.hex());
        for (EncryptedData data : List.of(dummy, receive, scid)) {
            assertThat(EncryptedData.decode(data.encode())).isEqualTo(data);
        }
        assertThat(EncryptedData.decode(dummy.encode()).padding()).isEqualTo(OptionalInt.of(3));
    }

    @Test
    void unknownOddTypesAreKeptInOrder() throws DecodeException {
        byte[] bytes = Hex.decode(NODE_TLV + "0901aa" + "fd02310101");

        EncryptedData data = EncryptedData.decode(bytes);

        assertThat(data.unknownOddRecords())
                .containsExactly(new TlvRecord(9, new byte[] {(byte) 0xaa}), new TlvRecord(561, new byte[] {1}));
        assertThat(data.encode()).isEqualTo(bytes);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("020800000000000000" + "01" + NODE_TLV, "both short_channel_id and next_node_id"),
                Arguments.of(NODE_TLV + "0602beef", "path_id on a forwarding hop"),
                Arguments.of("01020001", "padding contains non-zero bytes"),
                Arguments.of("0821" + NODE.hex(), "next_path_key_override without a next hop"),
                Arguments.of(NODE_TLV + "fe0001000300", "dummy marker on a forwarding hop"),
                Arguments.of("0601aa" + "fe0001000300", "dummy hop carries recipient data"),
                Arguments.of("fe000100030101", "type 65539 must be 0 bytes"),
                Arguments.of("020400000001", "type 2 must be 8 bytes"),
                Arguments.of("0420" + NODE.hex().substring(2), "type 4 must be 33 bytes"),
                Arguments.of("0421" + "02" + "00".repeat(32), "invalid public key"),
                Arguments.of("0a00", "unknown even TLV type 10"),
                Arguments.of("0110", "exceeds remaining"),
                Arguments.of("0601aa0401", "TLV types not increasing"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedDataIsRejectedWithItsReason(String hex, String reason) {
        assertThatThrownBy(() -> EncryptedData.decode(Hex.decode(hex)))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void inconsistentValuesCannotBeConstructed() {
        assertThatThrownBy(() -> new EncryptedData(OptionalInt.empty(), Optional.of(new NextMessageHop.NodeId(NODE)),
                Optional.of(new byte[] {1}), Optional.empty(), Optional.empty(), false, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("path_id on a forwarding hop");
        assertThatThrownBy(() -> new EncryptedData(OptionalInt.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), false, List.of(new TlvRecord(6, new byte[0]))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
