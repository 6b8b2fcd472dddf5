package io.staticinvoice.lightning.onion;

import static io.staticinvoice.lightning.onion.LdkFixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.crypto.HmacSha256;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.crypto.PublicKey;
import io.staticinvoice.lightning.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * BOLT 4 {@code blinded-onion-message-onion-test.json}: Alice prepends herself to Dave's blinded
 * path Bob -> Carol -> Dave and sends "hello"; every value of the vector is reproduced, the final
 * onion byte for byte, and each hop's {@code onion_message} peels into the next one.
 */
class OnionMessageVectorTest {

    private static final JsonNode VECTOR = LdkFixtures.json("vectors/bolt04/blinded-onion-message-onion-test.json");
    private static final JsonNode HOPS = VECTOR.path("generate").path("hops");

    @Test
    void everyHopsBlindingValuesMatch() throws DecodeException {
        for (int i = 0; i < HOPS.size(); i++) {
            JsonNode hop = HOPS.get(i);
            PublicKey nodeId = nodeId(i);

            RouteBlinding.BlindingStep step =
                    RouteBlinding.step(LdkFixtures.privateKey(hop.path("path_key_secret")), nodeId);

            assertThat(Hex.encode(step.sharedSecret())).isEqualTo(hop.path("ss").asString());
            assertThat(Hex.encode(HmacSha256.mac("blinded_node_id".getBytes(StandardCharsets.US_ASCII), step.sharedSecret())))
                    .isEqualTo(hop.path("HMAC256('blinded_node_id', ss)").asString());
            assertThat(step.blindedNodeId().hex()).isEqualTo(hop.path("blinded_node_id").asString());
            assertThat(step.pathKey().hex()).isEqualTo(hop.path("E").asString());
            assertThat(Hex.encode(Sha256.hash(step.pathKey().bytes(), step.sharedSecret())))
                    .isEqualTo(hop.path("H(E || ss)").asString());
            assertThat(Hex.encode(step.nextPathPrivateKey().bytes()) + "01").isEqualTo(hop.path("next_e").asString());
            assertThat(Hex.encode(step.rho())).isEqualTo(hop.path("rho").asString());
            assertThat(Hex.encode(RecipientDataCipher.encrypt(step.rho(), hex(hop.path("encrypted_data_tlv")))))
                    .isEqualTo(hop.path("encrypted_recipient_data").asString());
        }
    }

    @Test
    void encryptedDataTlvsDecodeToTheVectorsFieldsAndBack() throws DecodeException {
        for (int i = 0; i < HOPS.size(); i++) {
            JsonNode tlvs = HOPS.get(i).path("tlvs");
            byte[] plaintext = hex(HOPS.get(i).path("encrypted_data_tlv"));

            EncryptedData data = EncryptedData.decode(plaintext);

            assertThat(data.encode()).isEqualTo(plaintext);
            if (tlvs.has("next_node_id")) {
                assertThat(data.role()).isEqualTo(EncryptedData.Role.FORWARD);
                assertThat(data.nextHop()).contains(new NextMessageHop.NodeId(PublicKey.parse(hex(tlvs.path("next_node_id")))));
            } else {
                assertThat(data.role()).isEqualTo(EncryptedData.Role.RECEIVE);
                assertThat(data.pathId()).hasValueSatisfying(id -> assertThat(id).isEqualTo(hex(tlvs.path("path_id"))));
            }
            assertThat(data.nextPathKeyOverride().map(PublicKey::hex))
                    .isEqualTo(Optional.ofNullable(tlvs.get("next_path_key_override")).map(JsonNode::asString));
            assertThat(data.padding().isPresent()).isEqualTo(tlvs.has("padding"));
            if (tlvs.has("padding")) {
                assertThat(data.padding().getAsInt()).isEqualTo(hex(tlvs.path("padding")).length);
            }
            List<String> unknown = data.unknownOddRecords().stream()
                    .map(r -> "unknown_tag_" + r.type() + "=" + Hex.encode(r.value())).toList();
            List<String> expected = tlvs.propertyNames().stream().filter(name -> name.startsWith("unknown_tag_"))
                    .map(name -> name + "=" + tlvs.path(name).asString()).toList();
            assertThat(unknown).isEqualTo(expected);
        }
    }

    @Test
    void buildsTheVectorsOnionByteForByte() throws Exception {
        JsonNode route = VECTOR.path("route").path("hops");
        List<BlindedHop> daveHops = new ArrayList<>();
        for (int i = 1; i < route.size(); i++) {
            daveHops.add(new BlindedHop(PublicKey.parse(hex(route.get(i).path("blinded_node_id"))),
                    hex(route.get(i).path("encrypted_recipient_data"))));
        }
        BlindedMessagePath davesPath = BlindedMessagePath.of(new IntroductionNode.NodeId(nodeId(1)),
                PublicKey.parse(hex(HOPS.get(1).path("E"))), daveHops);
        OnionMessagePayload hello = new OnionMessagePayload(Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(new TlvRecord(1, hex(VECTOR.path("onionmessage").path("unknown_tag_1")))));
        OnionMessageBuilder.SessionKeys keys = new OnionMessageBuilder.SessionKeys(
                LdkFixtures.privateKey(VECTOR.path("generate").path("session_key")),
                LdkFixtures.privateKey(HOPS.get(0).path("path_key_secret")));
        OnionMessageBuilder sender = new OnionMessageBuilder(PrivateKey.random(), Optional.empty());

        OutboundOnionMessage message = sender.build(List.of(nodeId(0)), davesPath, hello, keys);

        assertThat(message.firstNodeId().hex()).isEqualTo(VECTOR.path("route").path("first_node_id").asString());
        assertThat(message.pathKey().hex()).isEqualTo(VECTOR.path("route").path("first_path_key").asString());
        assertThat(Hex.encode(message.packet().encode()))
                .isEqualTo(VECTOR.path("onionmessage").path("onion_message_packet").asString());
        assertThat(Hex.encode(wireOnionMessage(message.pathKey(), message.packet())))
                .isEqualTo(VECTOR.path("decrypt").path("hops").get(0).path("onion_message").asString());
    }

    @Test
    void everyHopPeelsItsOnionMessageIntoTheNextOne() throws DecodeException {
        JsonNode hops = VECTOR.path("decrypt").path("hops");
        for (int i = 0; i < hops.size(); i++) {
            JsonNode hop = hops.get(i);
            ByteReader wire = new ByteReader(hex(hop.path("onion_message")));
            assertThat(wire.u16()).isEqualTo(513);
            PublicKey pathKey = wire.publicKey();
            byte[] packet = wire.bytes(wire.u16());
            OnionPeeler peeler = new OnionPeeler(LdkFixtures.privateKey(hop.path("privkey")), Optional.empty());

            PeeledMessage peeled = peeler.peel(pathKey, packet);

            if (hop.has("next_node_id")) {
                PeeledMessage.Forward forward = (PeeledMessage.Forward) peeled;
                assertThat(forward.nextHop())
                        .isEqualTo(new NextMessageHop.NodeId(PublicKey.parse(hex(hop.path("next_node_id")))));
                assertThat(Hex.encode(wireOnionMessage(forward.nextPathKey(), forward.nextPacket())))
                        .isEqualTo(hops.get(i + 1).path("onion_message").asString());
            } else {
                PeeledMessage.Receive receive = (PeeledMessage.Receive) peeled;
                JsonNode tlvs = hop.path("tlvs");
                assertThat(receive.payload().unknownOddRecords())
                        .containsExactly(new TlvRecord(1, hex(tlvs.path("unknown_tag_1"))));
                assertThat(receive.payload().encryptedRecipientData())
                        .hasValueSatisfying(data -> assertThat(data).isEqualTo(hex(tlvs.path("encrypted_recipient_data"))));
                assertThat(receive.message()).isEmpty();
                assertThat(receive.pathId()).hasValueSatisfying(id -> assertThat(id).isEqualTo(hex(HOPS.get(3).path("tlvs").path("path_id"))));
                assertThat(receive.authenticated()).isFalse();
                assertThat(receive.dummyHops()).isZero();
            }
        }
    }

    private static PublicKey nodeId(int hop) throws DecodeException {
        return LdkFixtures.privateKey(VECTOR.path("decrypt").path("hops").get(hop).path("privkey")).publicKey();
    }

    private static byte[] wireOnionMessage(PublicKey pathKey, OnionMessagePacket packet) {
        byte[] bytes = packet.encode();
        return new ByteWriter().u16(513).publicKey(pathKey).u16(bytes.length).bytes(bytes).toByteArray();
    }
}
