package io.staticinvoice.lightning.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Fixed-length values: length check, copies in and out, equality by class and bytes, hex. */
class FixedBytesTest {

    private static final class Three extends FixedBytes {
        Three(byte[] bytes) {
            super(bytes, 3, "a three");
        }
    }

    private static final class OtherThree extends FixedBytes {
        OtherThree(byte[] bytes) {
            super(bytes, 3, "another three");
        }
    }

    @Test
    void rejectsOtherLengthsNamingWhatWasExpected() {
        assertThatThrownBy(() -> new Three(new byte[4]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a three is 3 bytes, got 4");
    }

    @Test
    void copiesOnTheWayInAndOut() {
        byte[] input = {1, 2, 3};
        Three three = new Three(input);
        input[0] = 9;
        three.bytes()[1] = 9;
        assertThat(three.bytes()).containsExactly(1, 2, 3);
    }

    @Test
    void equalOnlyToTheSameClassWithTheSameBytes() {
        Three three = new Three(new byte[] {1, 2, 3});
        assertThat(three).isEqualTo(new Three(new byte[] {1, 2, 3})).hasSameHashCodeAs(new Three(new byte[] {1, 2, 3}));
        assertThat(three).isNotEqualTo(new Three(new byte[] {1, 2, 4}));
        assertThat(three).isNotEqualTo(new OtherThree(new byte[] {1, 2, 3}));
        assertThat(three).isNotEqualTo(null);
    }

    @Test
    void showsItselfAsLowercaseHex() {
        assertThat(new Three(new byte[] {0x0a, (byte) 0xbc, 0x7f})).hasToString("0abc7f");
    }
}
