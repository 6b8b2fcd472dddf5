package io.staticinvoice.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatencySamplesTest {

    @Test
    void nearestRankPercentilesOverUnsortedSamples() {
        LatencySamples samples = new LatencySamples();
        for (long value = 100; value >= 1; value--) {
            samples.add(value);
        }

        assertThat(samples.count()).isEqualTo(100);
        assertThat(samples.percentile(50)).isEqualTo(50);
        assertThat(samples.percentile(99)).isEqualTo(99);
        assertThat(samples.percentile(99.5)).isEqualTo(100);
        assertThat(samples.percentile(100)).isEqualTo(100);
        assertThat(samples.percentile(0.1)).isEqualTo(1);
    }

    @Test
    void growsBeyondItsInitialCapacity() {
        LatencySamples samples = new LatencySamples();
        for (int i = 0; i < 10_000; i++) {
            samples.add(i % 2 == 0 ? 1 : 1_000);
        }

        assertThat(samples.count()).isEqualTo(10_000);
        assertThat(samples.percentile(50)).isEqualTo(1);
        assertThat(samples.percentile(51)).isEqualTo(1_000);
    }

    @Test
    void emptyIsZeroAndPercentMustBeInRange() {
        LatencySamples samples = new LatencySamples();

        assertThat(samples.percentile(99)).isZero();
        assertThatThrownBy(() -> samples.percentile(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> samples.percentile(100.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
