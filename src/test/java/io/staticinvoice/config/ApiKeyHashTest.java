package io.staticinvoice.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.staticinvoice.lightning.codec.Hex;
import org.junit.jupiter.api.Test;

class ApiKeyHashTest {

    @Test
    void isTheSha256OfTheUtf8Key() {
        // SHA-256("abc"), FIPS 180-2 appendix B.1
        assertThat(Hex.encode(ApiKeyHash.of("abc").sha256()))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(ApiKeyHash.of("abc").keyLength()).isEqualTo(3);
    }

    @Test
    void matchesOnlyTheSameKey() {
        assertThat(ApiKeyHash.of("key-one").matches(ApiKeyHash.of("key-one"))).isTrue();
        assertThat(ApiKeyHash.of("key-one").matches(ApiKeyHash.of("key-two"))).isFalse();
        assertThat(ApiKeyHash.of("key-one")).isEqualTo(ApiKeyHash.of("key-one"))
                .hasSameHashCodeAs(ApiKeyHash.of("key-one"));
    }

    @Test
    void toStringRevealsNeitherKeyNorHash() {
        ApiKeyHash hash = ApiKeyHash.of("secret-key");
        assertThat(hash.toString()).doesNotContain("secret").doesNotContain(Hex.encode(hash.sha256()));
    }

    @Test
    void digestIsCopiedInAndOut() {
        ApiKeyHash hash = ApiKeyHash.of("k");
        hash.sha256()[0] ^= 1;
        assertThat(hash.matches(ApiKeyHash.of("k"))).isTrue();
    }
}
