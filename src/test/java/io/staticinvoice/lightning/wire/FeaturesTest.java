package io.staticinvoice.lightning.wire;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** BOLT 9 feature vectors. */
class FeaturesTest {

    @Test
    void encodesMinimallyBigEndian() {
        assertThat(Features.empty().encode()).isEmpty();
        assertThat(Features.empty().withBit(0).encode()).containsExactly(0x01);
        assertThat(Features.empty().withBit(9).encode()).containsExactly(0x02, 0x00);
        assertThat(Features.empty().withOptional(Feature.ONION_MESSAGES).encode())
                .containsExactly(0x80, 0x00, 0x00, 0x00, 0x00);
    }

    @Test
    void decodesAnyFieldIncludingLeadingZeros() {
        Features features = Features.decode(new byte[] {0x00, 0x00, 0x02, 0x01});
        assertThat(features.isSet(0)).isTrue();
        assertThat(features.isSet(9)).isTrue();
        assertThat(features.encode()).containsExactly(0x02, 0x01);
        assertThat(Features.decode(features.encode())).isEqualTo(features);
    }

    @Test
    void supportsAFeatureOfferedEitherWay() {
        assertThat(Features.empty().withRequired(Feature.ONION_MESSAGES).supports(Feature.ONION_MESSAGES)).isTrue();
        assertThat(Features.empty().withOptional(Feature.ONION_MESSAGES).supports(Feature.ONION_MESSAGES)).isTrue();
        assertThat(Features.empty().withOptional(Feature.CHANNEL_TYPE).supports(Feature.ONION_MESSAGES)).isFalse();
    }

    @Test
    void findsRequiredBitsTheOtherSideDoesNotOffer() {
        Features ldk = Features.empty().withRequired(Feature.DATA_LOSS_PROTECT).withRequired(Feature.CHANNEL_TYPE)
                .withOptional(Feature.ONION_MESSAGES).withBit(50);
        Features ours = Features.empty().withOptional(Feature.DATA_LOSS_PROTECT).withOptional(Feature.ONION_MESSAGES);
        assertThat(ldk.requiredBitsMissingFrom(ours)).containsExactly(44, 50);
        assertThat(ours.requiredBitsMissingFrom(ldk)).isEmpty();
    }

    @Test
    void combinesAndTruncates() {
        Features a = Features.empty().withBit(1).withBit(39);
        Features b = Features.empty().withBit(13);
        assertThat(a.or(b).upTo(13)).isEqualTo(Features.empty().withBit(1).withBit(13));
        assertThat(a).hasToString("{1, 39}");
    }
}
