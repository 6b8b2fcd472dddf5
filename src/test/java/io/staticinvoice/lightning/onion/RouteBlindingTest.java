package io.staticinvoice.lightning.onion;

import static io.staticinvoice.lightning.onion.LdkFixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.crypto.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** BOLT 4 {@code route-blinding-test.json}, value by value, and the blinding of onion message paths. */
class RouteBlindingTest {

    private static final JsonNode VECTOR = LdkFixtures.json("vectors/bolt04/route-blinding-test.json");

    @Test
    void creatorDerivesEveryHopsValuesOfTheVector() throws DecodeException {
        JsonNode hops = VECTOR.path("generate").path("hops");
        PrivateKey pathPrivateKey = null;
        for (int i = 0; i < hops.size(); i++) {
            JsonNode hop = hops.get(i);
            if (hop.has("session_key")) {
                pathPrivateKey = LdkFixtures.privateKey(hop.path("session_key"));
            }
            assertThat(pathPrivateKey.bytes()).as("path_privkey of hop %d", i).isEqualTo(hex(hop.path("path_privkey")));

            RouteBlinding.BlindingStep step = RouteBlinding.step(pathPrivateKey, PublicKey.parse(hex(hop.path("node_id"))));

            assertThat(step.pathKey().hex()).isEqualTo(hop.path("path_key").asString());
            assertThat(Hex.encode(step.sharedSecret())).isEqualTo(hop.path("shared_secret").asString());
            assertThat(Hex.encode(step.rho())).isEqualTo(hop.path("rho").asString());
            assertThat(step.blindedNodeId().hex()).isEqualTo(hop.path("blinded_node_id").asString());
            assertThat(Hex.encode(RecipientDataCipher.encrypt(step.rho(), hex(hop.path("encoded_tlvs")))))
                    .isEqualTo(hop.path("encrypted_data").asString());
            pathPrivateKey = step.nextPathPrivateKey();
        }
    }

    @Test
    void blindingBothRoutesGivesTheVectorsConcatenatedRoute() throws DecodeException {
        JsonNode hops = VECTOR.path("generate").path("hops");
        BlindedMessagePath bobToCarol = RouteBlinding.blind(LdkFixtures.privateKey(hops.get(0).path("session_key")),
                List.of(hopToBlind(hops.get(0)), hopToBlind(hops.get(1))));
        BlindedMessagePath daveToEve = RouteBlinding.blind(LdkFixtures.privateKey(hops.get(2).path("session_key")),
                List.of(hopToBlind(hops.get(2)), hopToBlind(hops.get(3))));

        JsonNode route = VECTOR.path("route");
        assertThat(bobToCarol.introductionNode())
                .isEqualTo(new IntroductionNode.NodeId(PublicKey.parse(hex(route.path("first_node_id")))));
        assertThat(bobToCarol.pathKey().hex()).isEqualTo(route.path("first_path_key").asString());
        List<BlindedHop> all = new ArrayList<>(bobToCarol.hops());
        all.addAll(daveToEve.hops());
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).blindedNodeId().hex())
                    .isEqualTo(route.path("hops").get(i).path("blinded_node_id").asString());
            assertThat(Hex.encode(all.get(i).encryptedPayload()))
                    .isEqualTo(route.path("hops").get(i).path("encrypted_data").asString());
        }
    }

    @Test
    void everyHopUnblindsItsDataAndTheNextPathKey() throws DecodeException {
        JsonNode route = VECTOR.path("route").path("hops");
        JsonNode hops = VECTOR.path("unblind").path("hops");
        for (int i = 0; i < hops.size(); i++) {
            JsonNode hop = hops.get(i);

            RouteBlinding.Unblinding unblinding = RouteBlinding.unblind(
                    LdkFixtures.privateKey(hop.path("node_privkey")), PublicKey.parse(hex(hop.path("path_key"))));
            RecipientDataCipher.Decrypted decrypted = RecipientDataCipher.decrypt(
                    unblinding.rho(), hex(route.get(i).path("encrypted_data")), Optional.empty());

            assertThat(unblinding.blindedPrivateKey().bytes()).isEqualTo(hex(hop.path("blinded_privkey")));
            assertThat(unblinding.blindedPrivateKey().publicKey().hex())
                    .isEqualTo(route.get(i).path("blinded_node_id").asString());
            assertThat(Hex.encode(decrypted.plaintext())).isEqualTo(hop.path("decrypted_data").asString());
            assertThat(decrypted.authenticated()).isFalse();
            assertThat(unblinding.nextPathKey().hex()).isEqualTo(hop.path("next_path_key").asString());
        }
    }

    @Test
    void paymentFieldsAreNotAllowedInOnionMessageData() {
        JsonNode hops = VECTOR.path("unblind").path("hops");
        for (int i = 0; i < hops.size(); i++) {
            byte[] plaintext = hex(hops.get(i).path("decrypted_data"));
            assertThatThrownBy(() -> EncryptedData.decode(plaintext))
                    .isInstanceOf(DecodeException.class)
                    .hasMessageMatching("unknown even TLV type 1[02]");
        }
    }

    @Test
    void openUsesTheOverrideAsNextPathKey() throws DecodeException {
        PrivateKey carol = PrivateKey.of(Hex.decode("43".repeat(32)));
        PublicKey override = PrivateKey.of(Hex.decode("01".repeat(32))).publicKey();
        PrivateKey session = PrivateKey.of(Hex.decode("05".repeat(32)));
        EncryptedData data = EncryptedData.forward(new NextMessageHop.ShortChannelId(1105), Optional.of(override));
        BlindedMessagePath path = RouteBlinding.blind(session,
                List.of(new RouteBlinding.HopToBlind(carol.publicKey(), data.encode(), Optional.empty())));

        RouteBlinding.OpenedHop opened = RouteBlinding.open(RouteBlinding.unblind(carol, path.pathKey()),
                path.hops().get(0).encryptedPayload(), Optional.empty());

        assertThat(opened.data()).isEqualTo(data);
        assertThat(opened.nextPathKey()).isEqualTo(override);
        assertThat(opened.unblinding().nextPathKey()).isNotEqualTo(override);
    }

    @Test
    void authenticatedHopsOpenOnlyWithTheCreatorsKey() throws DecodeException {
        PrivateKey node = PrivateKey.random();
        ReceiveAuthKey key = ReceiveAuthKey.random();
        EncryptedData data = EncryptedData.receiveWithContext(Hex.decode("0102"));
        BlindedMessagePath path = RouteBlinding.blind(PrivateKey.random(),
                List.of(new RouteBlinding.HopToBlind(node.publicKey(), data.encode(), Optional.of(key))));
        byte[] sealed = path.hops().get(0).encryptedPayload();
        RouteBlinding.Unblinding unblinding = RouteBlinding.unblind(node, path.pathKey());

        RouteBlinding.OpenedHop opened = RouteBlinding.open(unblinding, sealed, Optional.of(key));

        assertThat(opened.authenticated()).isTrue();
        assertThat(opened.data()).isEqualTo(data);
        assertThatThrownBy(() -> RouteBlinding.open(unblinding, sealed, Optional.empty()))
                .hasMessage("encrypted_recipient_data authentication failed");
        assertThatThrownBy(() -> RouteBlinding.open(unblinding, sealed, Optional.of(ReceiveAuthKey.random())))
                .hasMessage("encrypted_recipient_data authentication failed");
    }

    private static RouteBlinding.HopToBlind hopToBlind(JsonNode hop) throws DecodeException {
        return new RouteBlinding.HopToBlind(PublicKey.parse(hex(hop.path("node_id"))), hex(hop.path("encoded_tlvs")),
                Optional.empty());
    }
}
