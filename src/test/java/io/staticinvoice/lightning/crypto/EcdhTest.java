package io.staticinvoice.lightning.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class EcdhTest {

    @ParameterizedTest
    @CsvFileSource(resources = "/vectors/bolt08/ecdh.csv", numLinesToSkip = 1)
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
