package io.staticinvoice.lightning.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Fixed-length secrets never show their bytes. */
class SecretBytesTest {

    private static final class Token extends SecretBytes {
        Token(byte[] bytes) {
            super(bytes, 2, "a token");
        }
    }

    @Test
    void showsOnlyItsClassNameAndComparesByValue() {
        Token token = new Token(new byte[] {(byte) 0xab, (byte) 0xcd});
        assertThat(token).hasToString("Token[redacted]").isEqualTo(new Token(new byte[] {(byte) 0xab, (byte) 0xcd}));
        assertThat(token.bytes()).containsExactly(0xab, 0xcd);
    }
}
