package app.oo.web.identity;

import static org.assertj.core.api.Assertions.assertThat;

import app.oo.web.OoClient;
import app.oo.web.OoIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

/** The public oo-cli client gets a refresh token; each refresh rotates it and a used one is refused. */
class RefreshTokenIT extends OoIntegrationTest {

    @Test
    void aRefreshTokenGivesNewTokensOnceAndIsRefusedAfterwards() throws Exception {
        OoClient.Person person = newPerson();
        OoClient client = client();
        JsonNode tokens = client.tokens(client.browser(), person.username(), OoClient.PASSWORD);
        String first = tokens.path("refresh_token").asText();
        assertThat(first).as("oo-cli gets a refresh token").isNotBlank();

        OoClient.Response refreshed = client.refresh(first);

        assertThat(refreshed.status()).isEqualTo(200);
        String access = refreshed.json().path("access_token").asText();
        String second = refreshed.json().path("refresh_token").asText();
        assertThat(second).as("rotated, not reused").isNotBlank().isNotEqualTo(first);
        assertThat(SignedJWT.parse(access).getJWTClaimsSet().getStringClaim("pid"))
                .isEqualTo(SignedJWT.parse(tokens.path("access_token").asText()).getJWTClaimsSet().getStringClaim("pid"));
        assertThat(new OoClient.Person(person.username(), access, client).get("/api/consents").status()).isEqualTo(200);

        OoClient.Response reused = client.refresh(first);
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.json().path("error").asText()).isEqualTo("invalid_grant");

        assertThat(client.refresh(second).status()).as("the new one works").isEqualTo(200);
    }

    @Test
    void aRefreshTokenDiesWithTheAccount() {
        OoClient.Person person = newPerson();
        OoClient client = client();
        JsonNode tokens = client.tokens(client.browser(), person.username(), OoClient.PASSWORD);

        assertThat(person.delete("/api/me").status()).isEqualTo(202);

        assertThat(client.refresh(tokens.path("refresh_token").asText()).status()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT count(*) FROM account WHERE username = ?").param(person.username())
                .query(Long.class).single()).isZero();
    }

    @Test
    void anUnknownClientCannotRefresh() {
        OoClient.Person person = newPerson();
        OoClient client = client();
        String refresh = client.tokens(client.browser(), person.username(), OoClient.PASSWORD)
                .path("refresh_token").asText();

        OoClient.Response answer = client.postForm("/oauth2/token",
                "grant_type=refresh_token&client_id=not-a-client&refresh_token=" + refresh);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().path("error").asText()).isEqualTo("invalid_client");
    }
}
