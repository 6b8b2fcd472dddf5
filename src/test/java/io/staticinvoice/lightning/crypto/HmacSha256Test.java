package io.staticinvoice.lightning.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.staticinvoice.lightning.codec.Hex;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HmacSha256Test {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** RFC 4231 test case 2, with the message split into parts. */
    @Test
    void matchesRfc4231() {
        assertThat(Hex.encode(HmacSha256.mac(ascii("Jefe"), ascii("what do ya "), ascii("want for nothing?"))))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void emptyKeyEqualsSingleZeroByteKey() {
        assertThat(HmacSha256.mac(new byte[0], ascii("x"))).isEqualTo(HmacSha256.mac(new byte[1], ascii("x")));
    }
}
