package io.staticinvoice.lightning.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublicKeyTest {

    private static final String LS_PUB = "034f355bdcb7cc0af728ef3cceb9615d90684bb5b2ca5f859ab0f0b704075871aa";

    @Test
    void parsesAValidCompressedPoint() throws DecodeException {
        PublicKey key = PublicKey.parse(Hex.decode(LS_PUB));
        assertThat(key.hex()).isEqualTo(LS_PUB).isEqualTo(key.toString());
        assertThat(key.xOnly()).isEqualTo(Hex.decode(LS_PUB.substring(2)));
        assertThat(key).isEqualTo(PublicKey.parse(Hex.decode(LS_PUB))).hasSameHashCodeAs(PublicKey.parse(Hex.decode(LS_PUB)));
    }

    @Test
    void bytesAreDefensiveCopies() throws DecodeException {
        byte[] input = Hex.decode(LS_PUB);
        PublicKey key = PublicKey.parse(input);
        input[5] ^= 1;
        key.bytes()[5] ^= 1;
        assertThat(key.hex()).isEqualTo(LS_PUB);
    }

    @Test
    void multiplyIsTheCurvesTweakAndItsResultIsAValidKey() {
        PrivateKey a = PrivateKey.random();
        PrivateKey b = PrivateKey.random();

        PublicKey product = a.publicKey().multiply(b.bytes());

        assertThat(product).isEqualTo(new PublicKey(Curves.get().multiply(a.publicKey().bytes(), b.bytes())))
                .as("a*(b*G) = (a*b)*G").isEqualTo(PrivateKey.of(Curves.get().multiplyScalars(a.bytes(), b.bytes()))
                        .publicKey())
                .isEqualTo(b.publicKey().multiply(a.bytes()));
        assertThat(Curves.get().isValidPoint(product.bytes())).isTrue();
        assertThatThrownBy(() -> a.publicKey().multiply(new byte[32])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomBytesEitherParseOrFailWithDecodeException() {
        Random random = new Random(17);
        int parsed = 0;
        for (int i = 0; i < 2_000; i++) {
            byte[] bytes = new byte[random.nextInt(4) == 0 ? random.nextInt(40) : PublicKey.LENGTH];
            random.nextBytes(bytes);
            try {
                assertThat(PublicKey.parse(bytes).bytes()).isEqualTo(bytes);
                parsed++;
            } catch (DecodeException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
        assertThat(parsed).as("about half of random x with prefix 02/03 are on the curve").isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // uncompressed / hybrid / infinity prefixes with a valid x
        "044f355bdcb7cc0af728ef3cceb9615d90684bb5b2ca5f859ab0f0b704075871aa",
        "064f355bdcb7cc0af728ef3cceb9615d90684bb5b2ca5f859ab0f0b704075871aa",
        "004f355bdcb7cc0af728ef3cceb9615d90684bb5b2ca5f859ab0f0b704075871aa",
        // x = 0: 7 is not a square mod p, so no point has it
        "020000000000000000000000000000000000000000000000000000000000000000",
        // x = p, not a field element
        "02fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f",
        // x from BIP-340 vector 5 ("public key not on the curve")
        "03eefdea4cdb677750a420fee807eacf21eb9898ae79b9768766e4faa04a2d4a34",
        // wrong lengths
        "034f355bdcb7cc0af728ef3cceb9615d90684bb5b2ca5f859ab0f0b704075871",
        "034f355bdcb7cc0af728ef3cceb9615d90684bb5b2ca5f859ab0f0b704075871aa00",
        "",
    })
    void rejectsInvalidPoints(String hex) throws DecodeException {
        byte[] bytes = Hex.decode(hex);
        assertThatThrownBy(() -> PublicKey.parse(bytes)).isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> new PublicKey(bytes)).isInstanceOf(IllegalArgumentException.class);
    }
}
