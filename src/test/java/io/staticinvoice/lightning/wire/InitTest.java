package io.staticinvoice.lightning.wire;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** BOLT 1 {@code init}: feature fields, {@code networks} and {@code remote_addr}. */
class InitTest {

    @Test
    void roundTripsFeaturesNetworksAndRemoteAddress() throws Exception {
        Features features = Features.empty().withOptional(Feature.DATA_LOSS_PROTECT)
                .withOptional(Feature.ONION_MESSAGES).withOptional(Feature.CHANNEL_TYPE);
        NetworkAddress address = new NetworkAddress.Ip(InetAddress.getByName("203.0.113.7"), 9735);
        Init init = new Init(features, List.of(ChainHash.BITCOIN), Optional.of(address));

        byte[] encoded = init.encode();
        Init decoded = (Init) LightningMessage.decode(encoded);

        assertThat(decoded).isEqualTo(init);
        assertThat(decoded.features().supports(Feature.ONION_MESSAGES)).isTrue();
    }

    @Test
    void writesTheLowBitsAsGlobalFeaturesToo() {
        Features features = Features.empty().withOptional(Feature.DATA_LOSS_PROTECT)
                .withOptional(Feature.ONION_MESSAGES);
        byte[] encoded = new Init(features, List.of(), Optional.empty()).encode();
        // type 0010, gflen 1 = 02 (bit 1), flen 5 = 8000000002 (bits 39 and 1)
        assertThat(Hex.encode(encoded)).isEqualTo("0010" + "0001" + "02" + "0005" + "8000000002");
    }

    @Test
    void combinesGlobalAndLocalFeatures() throws DecodeException {
        Init init = (Init) LightningMessage.decode(Hex.decode("0010" + "0001" + "01" + "0001" + "20"));
        assertThat(init.features().isSet(0)).isTrue();
        assertThat(init.features().isSet(5)).isTrue();
    }

    @Test
    void decodesAnLdkStyleNetworksRecord() throws DecodeException {
        String mainnet = ChainHash.BITCOIN.toString();
        Init init = (Init) LightningMessage.decode(Hex.decode("001000000000" + "0120" + mainnet));
        assertThat(init.networks()).containsExactly(ChainHash.BITCOIN);
    }

    @Test
    void rejectsANetworksRecordThatIsNotWholeChainHashes() {
        assertThatThrownBy(() -> LightningMessage.decode(Hex.decode("001000000000" + "0103" + "010203")))
                .isInstanceOf(DecodeException.class).hasMessageContaining("multiple of 32");
    }

    @Test
    void rejectsAnInvalidRemoteAddress() {
        assertThatThrownBy(() -> LightningMessage.decode(Hex.decode("001000000000" + "0303" + "090102")))
                .isInstanceOf(DecodeException.class);
    }

    @Test
    void rejectsAFeatureFieldLongerThanTheMessage() {
        assertThatThrownBy(() -> LightningMessage.decode(Hex.decode("0010" + "0005" + "01")))
                .isInstanceOf(DecodeException.class);
    }
}
