package app.oo.command.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

/** The per-thread cipher carries no state from one value to the next. */
class AesGcmTest {

    private static final byte[] AAD = "aad".getBytes(StandardCharsets.UTF_8);

    @Test
    void opensValuesOfAlternatingKeysOnOneThread() {
        SecretKey ada = AesGcm.newKey();
        SecretKey grace = AesGcm.newKey();
        byte[] first = AesGcm.seal(ada, bytes("one"), AAD);
        byte[] second = AesGcm.seal(grace, bytes("two"), AAD);
        byte[] third = AesGcm.seal(ada, bytes("three"), AAD);

        assertThat(AesGcm.open(ada, first, AAD)).isEqualTo(bytes("one"));
        assertThat(AesGcm.open(grace, second, AAD)).isEqualTo(bytes("two"));
        assertThat(AesGcm.open(ada, third, AAD)).isEqualTo(bytes("three"));
        assertThatThrownBy(() -> AesGcm.open(grace, first, AAD))
                .isInstanceOf(AesGcm.TamperedCiphertextException.class);
    }

    @Test
    void aValueThatFailedToOpenLeavesTheNextOneReadable() {
        SecretKey key = AesGcm.newKey();
        byte[] sealed = AesGcm.seal(key, bytes("note"), AAD);
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 1] ^= 1;

        assertThatThrownBy(() -> AesGcm.open(key, tampered, AAD))
                .isInstanceOf(AesGcm.TamperedCiphertextException.class);
        assertThat(AesGcm.open(key, sealed, AAD)).isEqualTo(bytes("note"));
    }

    @Test
    void sealsWithAFreshNonceEachTime() {
        SecretKey key = AesGcm.newKey();

        assertThat(AesGcm.seal(key, bytes("same"), AAD)).isNotEqualTo(AesGcm.seal(key, bytes("same"), AAD));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
