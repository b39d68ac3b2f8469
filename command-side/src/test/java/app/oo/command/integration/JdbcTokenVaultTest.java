package app.oo.command.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.oo.command.privacy.AesGcm;
import app.oo.command.testing.TestDatabase;
import app.oo.domain.integration.IntegrationConnectedEvent;
import app.oo.domain.integration.IntegrationId;
import app.oo.domain.person.PersonId;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The token vault against a real PostgreSQL. */
class JdbcTokenVaultTest {

    static final String KEY = Base64.getEncoder().encodeToString(AesGcm.newKey().getEncoded());
    final JdbcClient jdbc = JdbcClient.create(TestDatabase.dataSource());
    final JdbcTokenVault vault = new JdbcTokenVault(jdbc, KEY, Clock.systemUTC());
    final PersonId ada = PersonId.random();
    final IntegrationId todoist = IntegrationId.of(ada, "todoist");
    final ProviderToken token = new ProviderToken("access-SECRET-123", "refresh-SECRET-456",
            Instant.parse("2026-11-25T09:00:00Z"));

    byte[] sealedRow(String vaultRef) {
        return jdbc.sql("SELECT sealed FROM token_vault WHERE vault_ref = ?").param(vaultRef).query(byte[].class).single();
    }

    @Test
    void givesBackTheTokensItStored() {
        String ref = vault.put(todoist, token);

        assertThat(vault.get(ref)).contains(token);
    }

    @Test
    void storesNoTokenInPlainText() {
        String ref = vault.put(todoist, token);

        String everything = jdbc.sql("SELECT t::text FROM token_vault t WHERE vault_ref = ?").param(ref)
                .query(String.class).single();
        assertThat(everything).doesNotContain("SECRET");
        assertThat(new String(sealedRow(ref), StandardCharsets.ISO_8859_1)).doesNotContain("SECRET");
    }

    @Test
    void aRefreshKeepsTheReferenceAndSealsWithAFreshNonce() {
        String ref = vault.put(todoist, token);
        byte[] first = sealedRow(ref);

        String again = vault.put(todoist, token);

        assertThat(again).isEqualTo(ref);
        assertThat(Arrays.copyOf(sealedRow(ref), AesGcm.NONCE_BYTES)).isNotEqualTo(Arrays.copyOf(first, AesGcm.NONCE_BYTES));
        assertThat(vault.get(ref)).contains(token);
    }

    @Test
    void anotherVaultKeyCannotOpenTheTokens() {
        String ref = vault.put(todoist, token);
        JdbcTokenVault other = new JdbcTokenVault(jdbc, Base64.getEncoder().encodeToString(AesGcm.newKey().getEncoded()),
                Clock.systemUTC());

        assertThatThrownBy(() -> other.get(ref)).isInstanceOf(AesGcm.TamperedCiphertextException.class)
                .hasMessageNotContaining("SECRET");
    }

    @Test
    void deletesOneEntryOrEveryEntryOfAPerson() {
        String ref = vault.put(todoist, token);
        assertThat(vault.delete(ref)).isTrue();
        assertThat(vault.get(ref)).isEmpty();

        vault.put(todoist, token);
        assertThat(vault.deleteAllOf(ada)).isEqualTo(1);
        assertThat(vault.deleteAllOf(ada)).isZero();
    }

    @Test
    void aMissingVaultKeyStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> new JdbcTokenVault(jdbc, null, Clock.systemUTC()))
                .hasMessageStartingWith("oo.vault.key (OO_VAULT_KEY) is required");
    }

    @Test
    void aTokenNeverShowsInToString() {
        assertThat(token.toString()).doesNotContain("SECRET").contains("(secret)");
        assertThat(new VaultProperties(KEY).toString()).doesNotContain(KEY);
    }

    @Test
    void integrationEventsHaveNoComponentThatCouldHoldAToken() {
        Set<String> components = Set.copyOf(Arrays.stream(IntegrationConnectedEvent.class.getRecordComponents())
                .map(RecordComponent::getName).toList());
        assertThat(components).containsExactlyInAnyOrder("integrationId", "personId", "provider", "scopes", "vaultRef", "at");
    }
}
