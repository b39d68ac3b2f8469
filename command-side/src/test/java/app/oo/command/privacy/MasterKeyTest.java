package app.oo.command.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.oo.domain.person.PersonId;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MasterKeyTest {

    static final String SETTING = "oo.crypto.master-key";
    final MasterKey master = MasterKey.fromBase64(Base64.getEncoder().encodeToString(new byte[32]), SETTING);
    final PersonId ada = PersonId.random();

    @Test
    void unwrapsTheKeyItWrapped() {
        DataKey key = new DataKey(UUID.randomUUID(), ada, AesGcm.newKey());

        DataKey unwrapped = master.unwrap(key.keyId(), ada, master.wrap(key));

        assertThat(unwrapped.key().getEncoded()).isEqualTo(key.key().getEncoded());
    }

    @Test
    void aWrappedKeyCopiedToAnotherPersonDoesNotUnwrap() {
        DataKey key = new DataKey(UUID.randomUUID(), ada, AesGcm.newKey());

        assertThatThrownBy(() -> master.unwrap(key.keyId(), PersonId.random(), master.wrap(key)))
                .isInstanceOf(AesGcm.TamperedCiphertextException.class);
    }

    @Test
    void anotherMasterKeyCannotUnwrap() {
        DataKey key = new DataKey(UUID.randomUUID(), ada, AesGcm.newKey());
        MasterKey other = MasterKey.fromBase64(Base64.getEncoder().encodeToString(AesGcm.newKey().getEncoded()), SETTING);

        assertThatThrownBy(() -> other.unwrap(key.keyId(), ada, master.wrap(key)))
                .isInstanceOf(AesGcm.TamperedCiphertextException.class);
    }

    @Test
    void aMissingMasterKeyStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> MasterKey.fromBase64("", SETTING))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith(SETTING + " is required");
    }

    @Test
    void aMasterKeyOfTheWrongLengthIsRefusedWithoutEchoingIt() {
        String sixteen = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> MasterKey.fromBase64(sixteen, SETTING))
                .hasMessage(SETTING + " must decode to 32 bytes, decodes to 16")
                .hasMessageNotContaining(sixteen);
    }

    @Test
    void neverPrintsItself() {
        assertThat(master.toString()).isEqualTo("MasterKey[(secret)]");
    }
}
