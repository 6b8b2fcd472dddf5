package io.staticinvoice.lightning.offers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.crypto.Sha256;
import org.junit.jupiter.api.Test;

/** BIP-340 signatures over BOLT 12 digests, checked against the x-only signing key. */
class SchnorrSignatureTest {

    @Test
    void verifiesOnlyForTheSignedDigestAndKey() {
        PrivateKey key = PrivateKey.random();
        byte[] digest = Sha256.hash(new byte[] {1});
        SchnorrSignature signature = SchnorrSignature.sign(digest, key);
        assertThat(signature.verify(digest, key.publicKey())).isTrue();
        assertThat(signature.verify(Sha256.hash(new byte[] {2}), key.publicKey())).isFalse();
        assertThat(signature.verify(digest, PrivateKey.random().publicKey())).isFalse();
        byte[] tampered = signature.bytes();
        tampered[63] ^= 1;
        assertThat(new SchnorrSignature(tampered).verify(digest, key.publicKey())).isFalse();
    }

    @Test
    void isSixtyFourBytesWithValueEquality() {
        assertThatThrownBy(() -> new SchnorrSignature(new byte[63])).isInstanceOf(IllegalArgumentException.class);
        assertThat(new SchnorrSignature(new byte[64])).isEqualTo(new SchnorrSignature(new byte[64]));
    }
}
