package io.staticinvoice.lightning.onion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.crypto.ChaCha20;
import io.staticinvoice.lightning.crypto.ChaCha20Poly1305;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecipientDataCipherTest {

    private static final byte[] ZERO_NONCE = new byte[12];

    private final Random random = new Random(7);
    private final byte[] rho = bytes(32);
    private final ReceiveAuthKey key = new ReceiveAuthKey(bytes(32));

    @ParameterizedTest(name = "{0}-byte plaintext")
    @ValueSource(ints = {0, 1, 15, 16, 17, 100, 1000})
    void authenticatedTagIsTheRfc8439TagWithCiphertextAndKeySwapped(int length) throws DecodeException {
        byte[] plaintext = bytes(length);
        byte[] standard = RecipientDataCipher.encrypt(rho, plaintext);

        byte[] sealed = RecipientDataCipher.encryptAuthenticated(rho, plaintext, key);

        byte[] ciphertext = Arrays.copyOf(standard, length);
        assertThat(Arrays.copyOf(sealed, length)).isEqualTo(ciphertext);
        // RFC 8439 with the ciphertext as associated data and a message that encrypts to the key
        byte[] keyStreamed = ChaCha20.xor(rho, ZERO_NONCE, concat(new byte[64], key.bytes()));
        byte[] swapped = ChaCha20Poly1305.encrypt(rho, ZERO_NONCE, ciphertext, Arrays.copyOfRange(keyStreamed, 64, 96));
        assertThat(Arrays.copyOf(swapped, 32)).isEqualTo(key.bytes());
        assertThat(Arrays.copyOfRange(sealed, length, sealed.length)).isEqualTo(Arrays.copyOfRange(swapped, 32, 48));
        RecipientDataCipher.Decrypted decrypted = RecipientDataCipher.decrypt(rho, sealed, Optional.of(key));
        assertThat(decrypted.authenticated()).isTrue();
        assertThat(decrypted.plaintext()).isEqualTo(plaintext);
        assertThat(RecipientDataCipher.decrypt(rho, standard, Optional.of(key)).authenticated()).isFalse();
    }

    @Test
    void rejectsWrongKeysTamperingAndShortInput() {
        byte[] sealed = RecipientDataCipher.encryptAuthenticated(rho, bytes(40), key);
        byte[] tampered = sealed.clone();
        tampered[0] ^= 1;

        assertThatThrownBy(() -> RecipientDataCipher.decrypt(rho, sealed, Optional.of(new ReceiveAuthKey(bytes(32)))))
                .hasMessage("encrypted_recipient_data authentication failed");
        assertThatThrownBy(() -> RecipientDataCipher.decrypt(rho, tampered, Optional.of(key)))
                .hasMessage("encrypted_recipient_data authentication failed");
        assertThatThrownBy(() -> RecipientDataCipher.decrypt(bytes(32), sealed, Optional.of(key)))
                .hasMessage("encrypted_recipient_data authentication failed");
        assertThatThrownBy(() -> RecipientDataCipher.decrypt(rho, new byte[15], Optional.empty()))
                .isInstanceOf(DecodeException.class)
                .hasMessage("encrypted_recipient_data shorter than its 16-byte tag");
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
