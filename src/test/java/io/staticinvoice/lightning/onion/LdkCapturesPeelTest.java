package io.staticinvoice.lightning.onion;

import static org.assertj.core.api.Assertions.assertThat;

import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.crypto.PublicKey;
import io.staticinvoice.lightning.onion.LdkFixtures.Role;
import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code onion_message} the three real LDK 0.2.5 nodes exchanged peels, with the receiving
 * node's key (and its LDK receive auth key), to exactly the payload the nodes logged: through
 * LDK's dummy hops, in 1300- and 32768-byte packets.
 */
class LdkCapturesPeelTest {

    private static final String RAW = "fixtures/ldk-0.2.5/raw/";

    /** Each wire capture, the node(s) peeling it in turn, and the payload the final one logged. */
    private static final List<String[]> CAPTURES = List.of(
            new String[] {"server-0000-wire-in-onion_message-from-02888f2e.hex", "SERVER", "server-0001-in-offer_paths_request-tlv75540.hex"},
            new String[] {"recipient-0001-wire-out-onion_message-to-0355f8d2.hex", "SERVER", "server-0001-in-offer_paths_request-tlv75540.hex"},
            new String[] {"server-0003-wire-out-onion_message-to-02888f2e.hex", "RECIPIENT", "recipient-0003-in-offer_paths-tlv75542.hex"},
            new String[] {"recipient-0002-wire-in-onion_message-from-0355f8d2.hex", "RECIPIENT", "recipient-0003-in-offer_paths-tlv75542.hex"},
            new String[] {"server-0004-wire-in-onion_message-from-02888f2e.hex", "SERVER", "server-0005-in-serve_static_invoice-tlv75544.hex"},
            new String[] {"recipient-0005-wire-out-onion_message-to-0355f8d2.hex", "SERVER", "server-0005-in-serve_static_invoice-tlv75544.hex"},
            new String[] {"server-0007-wire-out-onion_message-to-02888f2e.hex", "RECIPIENT", "recipient-0007-in-static_invoice_persisted-tlv75546.hex"},
            new String[] {"recipient-0006-wire-in-onion_message-from-0355f8d2.hex", "RECIPIENT", "recipient-0007-in-static_invoice_persisted-tlv75546.hex"},
            new String[] {"server-0008-wire-in-onion_message-from-031118c4.hex", "SERVER", "server-0009-in-invoice_request-tlv64.hex"},
            new String[] {"payer-0001-wire-out-onion_message-to-0355f8d2.hex", "SERVER", "server-0009-in-invoice_request-tlv64.hex"},
            new String[] {"server-0012-wire-out-onion_message-to-031118c4.hex", "PAYER", "payer-0003-in-static_invoice-tlv70.hex"},
            new String[] {"payer-0002-wire-in-onion_message-from-0355f8d2.hex", "PAYER", "payer-0003-in-static_invoice-tlv70.hex"},
            new String[] {"server-0013-wire-in-onion_message-from-031118c4.hex", "SERVER", "server-0014-in-invoice_request-tlv64.hex"},
            new String[] {"payer-0006-wire-out-onion_message-to-0355f8d2.hex", "SERVER", "server-0014-in-invoice_request-tlv64.hex"},
            new String[] {"server-0015-wire-in-onion_message-from-031118c4.hex", "SERVER RECIPIENT", "payer-0005-out-held_htlc_available-tlv72.hex"},
            new String[] {"payer-0007-wire-out-onion_message-to-0355f8d2.hex", "SERVER RECIPIENT", "payer-0005-out-held_htlc_available-tlv72.hex"},
            new String[] {"server-0018-wire-out-onion_message-to-031118c4.hex", "PAYER", "payer-0009-in-static_invoice-tlv70.hex"},
            new String[] {"payer-0008-wire-in-onion_message-from-0355f8d2.hex", "PAYER", "payer-0009-in-static_invoice-tlv70.hex"});

    static Stream<Arguments> captures() {
        return CAPTURES.stream().map(row -> Arguments.of((Object[]) row));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void capturedOnionMessagePeelsToTheLoggedPayload(String wireFile, String receivers, String payloadFile)
            throws DecodeException {
        ByteReader wire = new ByteReader(LdkFixtures.hex(RAW + wireFile));
        PublicKey pathKey = wire.publicKey();
        byte[] packet = wire.bytes(wire.u16());
        assertThat(wire.hasRemaining()).isFalse();
        List<Role> chain = Arrays.stream(receivers.split(" ")).map(Role::valueOf).toList();

        PeeledMessage peeled = null;
        for (Role receiver : chain) {
            OnionPeeler peeler = new OnionPeeler(receiver.nodeKey(), Optional.of(receiver.receiveAuthKey()));
            peeled = peeler.peel(pathKey, packet);
            if (peeled instanceof PeeledMessage.Forward forward) {
                Role next = chain.get(chain.indexOf(receiver) + 1);
                assertThat(forward.nextHop()).isEqualTo(new NextMessageHop.NodeId(next.nodeKey().publicKey()));
                pathKey = forward.nextPathKey();
                packet = forward.nextPacket().encode();
            }
        }

        PeeledMessage.Receive receive = (PeeledMessage.Receive) Objects.requireNonNull(peeled);
        long type = Long.parseLong(payloadFile.substring(payloadFile.lastIndexOf("-tlv") + 4, payloadFile.length() - 4));
        assertThat(receive.message()).contains(new TlvRecord(type, LdkFixtures.hex(RAW + payloadFile)));
        assertThat(receive.authenticated()).as("sent over a path the receiver made with its receive key").isTrue();
        assertThat(receive.recipientData().context()).as("LDK MessageContext").isPresent();
        assertThat(packet.length).isIn(OnionMessagePacket.OVERHEAD + OnionMessageBuilder.SMALL_PACKET_HOP_DATA,
                OnionMessagePacket.OVERHEAD + OnionMessageBuilder.BIG_PACKET_HOP_DATA);
    }

    @Test
    void serverPeelsItsThreeDummyHopsAndReadsItsContext() throws DecodeException {
        ByteReader wire = new ByteReader(LdkFixtures.hex(RAW + "server-0000-wire-in-onion_message-from-02888f2e.hex"));
        PublicKey pathKey = wire.publicKey();
        byte[] packet = wire.bytes(wire.u16());

        var receive = (PeeledMessage.Receive) new OnionPeeler(Role.SERVER.nodeKey(),
                Optional.of(Role.SERVER.receiveAuthKey())).peel(pathKey, packet);

        assertThat(receive.dummyHops()).isEqualTo(3);
        assertThat(receive.replyPath()).isPresent();
        assertThat(Hex.encode(receive.context().orElseThrow())).startsWith("02");
    }

    @Test
    void everyWireCaptureIsCovered() {
        File raw = new File(Objects.requireNonNull(getClass().getClassLoader().getResource(RAW)).getFile());
        assertThat(raw.list((dir, name) -> name.contains("-wire-")))
                .hasSize(18)
                .containsExactlyInAnyOrderElementsOf(CAPTURES.stream().map(row -> row[0]).toList());
    }
}
