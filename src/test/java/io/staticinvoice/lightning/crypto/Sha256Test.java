package io.staticinvoice.lightning.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.staticinvoice.lightning.codec.Hex;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Sha256Test {

    @Test
    void hashesTheConcatenationOfParts() {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        assertThat(Hex.encode(Sha256.hash(abc)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.hash(new byte[] {'a'}, new byte[] {'b', 'c'})).isEqualTo(Sha256.hash(abc));
    }

    @Test
    void taggedHashPrefixesTwiceTheTagDigest() {
        byte[] tag = "BIP0340/challenge".getBytes(StandardCharsets.US_ASCII);
        byte[] tagHash = Sha256.hash(tag);
        byte[] msg = {1, 2, 3};
        assertThat(Sha256.tagged(tag, msg)).isEqualTo(Sha256.hash(tagHash, tagHash, msg));
    }
}
