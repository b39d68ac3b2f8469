package app.oo.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Headers, limits and the live tip stream, over real HTTP with real tokens. */
class WebSecurityIT extends OoIntegrationTest {

    @Test
    void pagesCarryAStrictContentSecurityPolicyAndNoReferrer() throws Exception {
        HttpResponse<String> login = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        String csp = login.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp).contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline");
        assertThat(login.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }

    @Test
    void aCallWithABearerTokenLeavesNoSessionAndNoCookieBehindAndKeepsTheStrictHeaders() throws Exception {
        OoClient.Person person = newPerson();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/signals"))
                .header("Authorization", "Bearer " + person.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(MOOD.formatted(Instant.now()))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().allValues("Set-Cookie")).as("no session, no CSRF cookie for a token call")
                .isEmpty();
        assertThat(response.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'self'");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void thePagesSessionCallsTheApiOnlyWithItsCsrfToken() {
        OoClient client = client();
        String username = newPerson().username();
        HttpClient page = client.browser();
        client.tokens(page, username, OoClient.PASSWORD);  // signs in on the form: the browser holds a session
        assertThat(client.page(page, "/").status()).isEqualTo(200);
        String csrf = ((CookieManager) page.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("the page's response set no XSRF-TOKEN cookie"));

        OoClient.Response withoutToken = client.sendWith(page, signal(null));
        assertThat(withoutToken.status()).as("a session call without its CSRF token").isEqualTo(403);
        assertThat(withoutToken.contentType()).startsWith("application/problem+json");

        OoClient.Response withToken = client.sendWith(page, signal(csrf));
        assertThat(withToken.status()).isEqualTo(202);
        assertThat(withToken.json().path("signalId").asText()).isNotBlank();
    }

    private HttpRequest.Builder signal(String csrf) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/signals"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(MOOD.formatted(Instant.now())));
        return csrf == null ? request : request.header("X-XSRF-TOKEN", csrf);
    }

    private static final String MOOD = """
            {"source":"mood","type":"checkin","occurredAt":"%s","payload":{"score":3}}""";

    @Test
    void tooManyRecommendRequestsFromOnePersonGet429WithRetryAfter() {
        OoClient.Person person = newPerson();
        List<OoClient.Response> responses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            responses.add(person.post("/recommend", ""));
        }
        assertThat(responses).anySatisfy(r -> assertThat(r.status()).isEqualTo(200));
        OoClient.Response limited = responses.stream().filter(r -> r.status() == 429).findFirst().orElseThrow(
                () -> new AssertionError("no 429 among 40 requests in a burst"));
        assertThat(limited.contentType()).startsWith("application/problem+json");

        OoClient.Person other = newPerson();
        assertThat(other.post("/recommend", "").status()).as("another person is not limited by the first")
                .isEqualTo(200);
    }

    @Test
    void aPersonCannotReactToAnotherPersonsTipNorSeeTheirConsents() {
        OoClient.Person ada = newPerson();
        OoClient.Person eve = newPerson();
        String adasTip = ada.post("/recommend", "").json().path("tip").path("id").asText();
        long before = jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?")
                .param(adasTip).query(Long.class).single();

        OoClient.Response attempt = eve.post("/api/tips/" + adasTip + "/reactions", "{\"reaction\":\"dismissed\"}");

        assertThat(attempt.status()).as("the same answer as for a tip that does not exist").isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?")
                .param(adasTip).query(Long.class).single()).isEqualTo(before);
        eve.put("/api/consents/mood", "{\"granted\":false}");
        assertThat(ada.get("/api/consents").json().path("consents").findValuesAsText("topic")).contains("mood");
        assertThat(ada.get("/api/consents").json().path("consents").get(2).path("granted").asBoolean())
                .as("eve's revocation did not touch ada's consent").isTrue();
    }

    @Test
    void aPersonReadsOnlyTheirOwnConsents() {
        OoClient.Person ada = newPerson();
        OoClient.Person eve = newPerson();

        assertThat(ada.put("/api/consents/calendar", "{\"granted\":false}").status()).isEqualTo(200);

        // the consents view follows the event store: wait until ada reads her own change
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> !granted(ada, "calendar"));
        assertThat(granted(eve, "calendar")).as("eve reads her own consent, not ada's").isTrue();
    }

    @Test
    void anExportHoldsOnlyTheExportingPersonsData() {
        OoClient.Person ada = newPerson();
        OoClient.Person eve = newPerson();
        String marker = "ada-only-" + UUID.randomUUID();
        assertThat(ada.post("/api/signals", """
                {"source":"mood","type":"checkin","occurredAt":"%s","payload":{"score":2,"note":"%s"}}"""
                .formatted(Instant.now(), marker)).status()).isEqualTo(202);
        String adasTip = ada.post("/recommend", "").json().path("tip").path("id").asText();
        String adasId = personId(ada);

        OoClient.Response evesExport = eve.get("/api/me/export");

        assertThat(evesExport.status()).isEqualTo(200);
        assertThat(evesExport.json().path("account").path("personId").asText()).isEqualTo(personId(eve));
        assertThat(evesExport.body()).doesNotContain(adasId).doesNotContain(adasTip).doesNotContain(marker)
                .doesNotContain(ada.username());
        assertThat(ada.get("/api/me/export").body()).as("the marker is exportable by ada").contains(marker);
    }

    @Test
    void aPersonsTipStreamCarriesNoOtherPersonsTip() throws Exception {
        OoClient.Person ada = newPerson();
        OoClient.Person eve = newPerson();
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpRequest streamRequest = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/tips/stream"))
                .header("Authorization", "Bearer " + eve.token()).header("Accept", "text/event-stream").build();
        CompletableFuture<HttpResponse<java.io.InputStream>> opened = HttpClient.newHttpClient()
                .sendAsync(streamRequest, HttpResponse.BodyHandlers.ofInputStream());
        opened.thenAcceptAsync(stream -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.startsWith("data:")) {
                        seen.add(line);
                    }
                }
            } catch (java.io.IOException e) {
                // the stream closes when the test ends
            }
        });
        // Eve's own tips until one arrives on her stream: from then on the stream is live.
        String evesTip = eve.post("/recommend", "").json().path("tip").path("id").asText();
        for (int attempt = 0; !seenTip(seen, evesTip) && attempt < 20; attempt++) {
            eve.post("/api/tips/" + evesTip + "/reactions", "{\"reaction\":\"done\"}");
            evesTip = nextTip(eve, evesTip);
        }
        assertThat(seenTip(seen, evesTip)).as("eve's stream is live").isTrue();

        String adasTip = ada.post("/recommend", "").json().path("tip").path("id").asText();
        eve.post("/api/tips/" + evesTip + "/reactions", "{\"reaction\":\"done\"}");
        String evesNext = nextTip(eve, evesTip);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> seenTip(seen, evesNext));

        assertThat(seen).noneMatch(event -> event.contains(adasTip));
        opened.cancel(true);
    }

    private static boolean seenTip(List<String> events, String tipId) {
        return events.stream().anyMatch(e -> e.contains(tipId));
    }

    private static String nextTip(OoClient.Person person, String previous) {
        java.util.concurrent.atomic.AtomicReference<String> next = new java.util.concurrent.atomic.AtomicReference<>();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .pollInterval(java.time.Duration.ofMillis(500)).until(() -> {
                    next.set(person.post("/recommend", "").json().path("tip").path("id").asText());
                    return !next.get().isEmpty() && !next.get().equals(previous);
                });
        return next.get();
    }

    private static boolean granted(OoClient.Person person, String topic) {
        for (com.fasterxml.jackson.databind.JsonNode consent : person.get("/api/consents").json().path("consents")) {
            if (consent.path("topic").asText().equals(topic)) {
                return consent.path("granted").asBoolean();
            }
        }
        throw new AssertionError("no consent " + topic);
    }

    private String personId(OoClient.Person person) {
        return jdbc.sql("SELECT person_id::text FROM account WHERE username = ?").param(person.username())
                .query(String.class).single();
    }

    @Test
    void aTokenSignedByAnotherKeyOrTamperedWithIsRefused() throws Exception {
        OoClient.Person person = newPerson();
        RSAKey foreign = new RSAKeyGenerator(2048).keyID("foreign").generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("foreign").build(),
                new JWTClaimsSet.Builder().subject(person.username()).issuer("https://evil.example")
                        .claim("pid", UUID.randomUUID().toString()).claim("roles", List.of("person", "analyst"))
                        .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        forged.sign(new RSASSASigner(foreign));
        OoClient.Person forger = new OoClient.Person(person.username(), forged.serialize(), person.client());
        assertThat(forger.post("/recommend", "").status()).isEqualTo(401);

        String[] parts = person.token().split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"person\"", "\"analyst\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(new OoClient.Person(person.username(), tampered, person.client()).post("/recommend", "").status())
                .isEqualTo(401);
    }

    @Test
    void adminApisRefuseAPerson() {
        OoClient.Person person = newPerson();
        for (String path : List.of("/admin/api/projections", "/admin/api/simulations", "/admin/api/erasures")) {
            OoClient.Response response = person.get(path);
            assertThat(response.status()).as(path).isEqualTo(403);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void aNewTipArrivesOnTheStreamWithoutAReload() throws Exception {
        OoClient.Person person = newPerson();
        HttpRequest streamRequest = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/tips/stream"))
                .header("Authorization", "Bearer " + person.token()).header("Accept", "text/event-stream").build();
        CompletableFuture<HttpResponse<java.io.InputStream>> opened = HttpClient.newHttpClient()
                .sendAsync(streamRequest, HttpResponse.BodyHandlers.ofInputStream());
        // The stream is subscribed before the tip is asked for; headers may wait for the first event.
        Thread.sleep(1500);
        CompletableFuture<String> tipEvent = opened.thenApplyAsync(stream -> {
            assertThat(stream.statusCode()).isEqualTo(200);
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                String line;
                boolean tip = false;
                while ((line = reader.readLine()) != null) {
                    if (line.equals("event:tip")) {
                        tip = true;
                    } else if (tip && line.startsWith("data:")) {
                        return line.substring(5);
                    }
                }
                return null;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            String issued = person.post("/recommend", "").json().path("tip").path("id").asText();

            assertThat(tipEvent.get(15, TimeUnit.SECONDS)).contains(issued);
        } finally {
            // An open stream would hold the app's graceful shutdown at the end of the run.
            opened.thenAccept(stream -> closeQuietly(stream.body()));
            opened.cancel(true);
        }
    }

    private static void closeQuietly(java.io.InputStream body) {
        try {
            body.close();
        } catch (java.io.IOException ignored) {
            // the stream is being dropped either way
        }
    }
}
