package io.staticinvoice.lightning.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrivateKeyTest {

    /** Key pairs from BOLT 8's handshake vectors (ls and e of both sides). */
    @ParameterizedTest
    @CsvSource({
        "1111111111111111111111111111111111111111111111111111111111111111,"
                + "034f355bdcb7cc0af728ef3cceb9615d90684bb5b2ca5f859ab0f0b704075871aa",
        "1212121212121212121212121212121212121212121212121212121212121212,"
                + "036360e856310ce5d294e8be33fc807077dc56ac80d95d9cd4ddbd21325eff73f7",
        "2121212121212121212121212121212121212121212121212121212121212121,"
                + "028d7500dd4c12685d1f568b4c2b5048e8534b873319f3a8daa612b469132ec7f7",
        "2222222222222222222222222222222222222222222222222222222222222222,"
                + "02466d7fcae563e5cb09a0d1870bb580344804617879a14949cf22285f1bae3f27",
    })
    void derivesBolt8PublicKeys(String priv, String pub) throws DecodeException {
        assertThat(PrivateKey.of(Hex.decode(priv)).publicKey().hex()).isEqualTo(pub);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "0000000000000000000000000000000000000000000000000000000000000000",
        "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141",
        "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "11111111111111111111111111111111111111111111111111111111111111",
    })
    void rejectsScalarsOutsideOneToNMinusOne(String hex) throws DecodeException {
        byte[] bytes = Hex.decode(hex);
        assertThatThrownBy(() -> PrivateKey.of(bytes)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void largestValidScalarIsAccepted() throws DecodeException {
        byte[] nMinusOne = Hex.decode("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140");
        assertThat(PrivateKey.of(nMinusOne).bytes()).isEqualTo(nMinusOne);
    }

    @Test
    void neverShowsTheSecretAndComparesByValue() {
        PrivateKey key = PrivateKey.random();
        assertThat(key.toString()).doesNotContain(Hex.encode(key.bytes())).contains("redacted");
        assertThat(PrivateKey.of(key.bytes())).isEqualTo(key).hasSameHashCodeAs(key);
        assertThat(PrivateKey.random()).isNotEqualTo(key);
    }
}
