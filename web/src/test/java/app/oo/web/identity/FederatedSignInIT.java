package app.oo.web.identity;

import static org.assertj.core.api.Assertions.assertThat;

import app.oo.web.FakeOidcProvider;
import app.oo.web.OoClient;
import app.oo.web.OoIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * "Sign in with Test ID" against a fake upstream OIDC provider configured in application-test.yml:
 * the first sign-in creates a password-less account and a person, the next one finds them, and
 * oO's own authorization server issues its tokens for that account.
 */
class FederatedSignInIT extends OoIntegrationTest {

    @Test
    void theSignInPageOffersEachConfiguredProvider() {
        OoClient.Response page = client().get("/login");

        assertThat(page.body()).contains("<a class=\"provider\" href=\"/oauth2/authorization/test-id\">Sign in with Test ID</a>");
    }

    @Test
    void aFirstProviderSignInCreatesAPersonWithoutPasswordAndTheNextFindsTheSamePerson() throws Exception {
        String subject = "upstream-" + UUID.randomUUID();
        OoClient client = client();

        JsonNode first = client.tokensThroughProvider(client.browser(), subject);
        String pid = SignedJWT.parse(first.path("access_token").asText()).getJWTClaimsSet().getStringClaim("pid");

        Map<String, Object> account = jdbc.sql("""
                        SELECT a.username, a.password_hash, a.person_id::text AS person_id, a.roles
                        FROM account a JOIN account_provider p ON p.username = a.username
                        WHERE p.issuer = ? AND p.subject = ?""")
                .params(FakeOidcProvider.shared().issuer(), subject).query().singleRow();
        assertThat(account.get("password_hash")).isNull();
        assertThat(account.get("person_id")).isEqualTo(pid);
        assertThat(account.get("roles")).isEqualTo("person");
        assertThat(jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                        + "AND payloadtype = 'app.oo.domain.person.PersonRegisteredEvent'")
                .param(pid).query(Long.class).single()).as("registered through the sign-up's command").isEqualTo(1);

        JsonNode second = client.tokensThroughProvider(client.browser(), subject);
        String pidAgain = SignedJWT.parse(second.path("access_token").asText()).getJWTClaimsSet().getStringClaim("pid");

        assertThat(pidAgain).isEqualTo(pid);
        assertThat(jdbc.sql("SELECT count(*) FROM account_provider WHERE subject = ?").param(subject)
                .query(Long.class).single()).isEqualTo(1);
        OoClient.Person person = new OoClient.Person((String) account.get("username"),
                second.path("access_token").asText(), client);
        assertThat(person.get("/api/consents").status()).as("the API takes oO's own token").isEqualTo(200);
    }

    @Test
    void aProviderAccountCannotSignInWithAPassword() {
        String subject = "upstream-" + UUID.randomUUID();
        OoClient client = client();
        client.tokensThroughProvider(client.browser(), subject);
        String username = FederatedSignIn.username("test-id", FakeOidcProvider.shared().issuer(), subject);

        for (String password : new String[] {"", " ", OoClient.PASSWORD}) {
            try {
                client.tokens(client.browser(), username, password);
                throw new AssertionError("a password sign-in of a provider's account went through");
            } catch (IllegalStateException refused) {
                assertThat(refused).hasMessageContaining("sign-in of " + username + " failed");
            }
        }
    }
}
