package io.staticinvoice.gateway;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenBucketTest {

    @Test
    void allowsTheBurstThenRefillsAtTheRate() {
        AtomicLong now = new AtomicLong();
        TokenBucket bucket = new TokenBucket(2, 3, now::get);
        assertThat(bucket.tryTake()).isTrue();
        assertThat(bucket.tryTake()).isTrue();
        assertThat(bucket.tryTake()).isTrue();
        assertThat(bucket.tryTake()).isFalse();

        now.addAndGet(499_000_000L);
        assertThat(bucket.tryTake()).as("not yet half a second").isFalse();
        now.addAndGet(1_000_000L);
        assertThat(bucket.tryTake()).isTrue();
        assertThat(bucket.tryTake()).isFalse();
    }

    @Test
    void neverHoldsMoreThanTheBurst() {
        AtomicLong now = new AtomicLong();
        TokenBucket bucket = new TokenBucket(100, 2, now::get);
        now.addAndGet(60_000_000_000L);
        assertThat(bucket.tryTake()).isTrue();
        assertThat(bucket.tryTake()).isTrue();
        assertThat(bucket.tryTake()).isFalse();
    }

    @Test
    void aReshapedBucketKeepsItsFillAndRefillsAtTheNewRate() {
        AtomicLong now = new AtomicLong();
        TokenBucket bucket = new TokenBucket(1, 4, now::get);
        bucket.tryTake();
        bucket.tryTake();

        bucket.reshape(4, 2);

        assertThat(bucket.tryTake()).as("half of the new burst of 2").isTrue();
        assertThat(bucket.tryTake()).isFalse();
        now.addAndGet(250_000_000L);
        assertThat(bucket.tryTake()).as("one token per quarter second").isTrue();
        assertThat(bucket.tryTake()).isFalse();

        now.addAndGet(60_000_000_000L);
        bucket.reshape(1, 6);
        assertThat(IntStream.range(0, 10).filter(i -> bucket.tryTake()).count()).as("full stays full").isEqualTo(6);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, System::nanoTime)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(1, 0, System::nanoTime)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(1, 1, System::nanoTime).reshape(1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
