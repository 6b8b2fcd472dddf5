package io.staticinvoice.lightning.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EcdhTest {

    /** The three {@code ss} values of BOLT 8's initiator handshake vector: es, ee, se. */
    @ParameterizedTest
    @CsvSource({
        "1212121212121212121212121212121212121212121212121212121212121212,"
                + "028d7500dd4c12685d1f568b4c2b5048e8534b873319f3a8daa612b469132ec7f7,"
                + "1e2fb3c8fe8fb9f262f649f64d26ecf0f2c0a805a767cf02dc2d77a6ef1fdcc3",
        "1212121212121212121212121212121212121212121212121212121212121212,"
                + "02466d7fcae563e5cb09a0d1870bb580344804617879a14949cf22285f1bae3f27,"
                + "c06363d6cc549bcb7913dbb9ac1c33fc1158680c89e972000ecd06b36c472e47",
        "1111111111111111111111111111111111111111111111111111111111111111,"
                + "02466d7fcae563e5cb09a0d1870bb580344804617879a14949cf22285f1bae3f27,"
                + "b36b6d195982c5be874d6d542dc268234379e1ae4ff1709402135b7de5cf0766",
    })
    void matchesBolt8SharedSecrets(String priv, String pub, String ss) throws DecodeException {
        byte[] secret = Ecdh.sharedSecret(PrivateKey.of(Hex.decode(priv)), PublicKey.parse(Hex.decode(pub)));
        assertThat(Hex.encode(secret)).isEqualTo(ss);
    }

    @Test
    void isSymmetric() {
        PrivateKey a = PrivateKey.random();
        PrivateKey b = PrivateKey.random();
        assertThat(Ecdh.sharedSecret(a, b.publicKey())).isEqualTo(Ecdh.sharedSecret(b, a.publicKey()));
    }
}
