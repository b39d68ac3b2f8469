package app.oo.web.todoist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.oo.domain.erasure.PersonErasedEvent;
import app.oo.domain.features.FetchPersonFeaturesQuery;
import app.oo.domain.features.PersonFeatures;
import app.oo.domain.integration.IntegrationId;
import app.oo.domain.integration.IntegrationTokenRefreshedEvent;
import app.oo.domain.person.PersonId;
import app.oo.sagas.tip.TaskTitles;
import app.oo.web.OoClient;
import app.oo.web.OoIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Todoist connector over the real app and a fake Todoist: connect through the browser with
 * state and PKCE, sync into derivative task signals (no title, no token anywhere in the database),
 * refresh or reconnect on 401, rate limits, disconnect and erasure revoking at Todoist.
 */
class TodoistConnectorIT extends OoIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    QueryGateway queries;
    @Autowired
    EventStore eventStore;
    @Autowired
    TodoistSync sync;
    @Autowired
    TaskTitles taskTitles;

    private final FakeTodoist todoist = FakeTodoist.shared();

    /** A signed-up person with a page session (the browser) and an API token. */
    private record Signed(OoClient.Person api, HttpClient browser, PersonId personId) {
    }

    private Signed signUp() {
        OoClient.Person api = newPerson();
        HttpClient browser = client().browser();
        client().token(browser, api.username());
        PersonId personId = PersonId.of(jdbc.sql("SELECT person_id::text FROM account WHERE username = ?")
                .param(api.username()).query(String.class).single());
        return new Signed(api, browser, personId);
    }

    private OoClient.Response browse(Signed who, String pathOrUrl) {
        String url = pathOrUrl.startsWith("http") ? pathOrUrl : "http://localhost:" + port + pathOrUrl;
        return client().sendWith(who.browser(), HttpRequest.newBuilder(URI.create(url)).GET());
    }

    private static Map<String, String> query(String url) {
        return Arrays.stream(URI.create(url).getRawQuery().split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }

    /** Starts the connect and answers as Todoist would after the person granted access. */
    private OoClient.Response connect(Signed who, FakeTodoist.Account account) {
        OoClient.Response start = browse(who, "/integrations/todoist/connect");
        assertThat(start.status()).isEqualTo(302);
        Map<String, String> authorize = query(start.location());
        return browse(who, "/integrations/todoist/callback?code=" + account.code + "&state=" + authorize.get("state"));
    }

    private long signals(PersonId personId, String type) {
        return jdbc.sql("SELECT count(*) FROM person_signal WHERE person_id = ? AND source = 'tasks' AND type = ?")
                .params(personId.value(), type).query(Long.class).single();
    }

    private JsonNode todoistEntry(Signed who) {
        for (JsonNode entry : who.api().get("/api/integrations").json().path("integrations")) {
            if (entry.path("provider").asText().equals("todoist")) {
                return entry;
            }
        }
        return null;
    }

    private long vaultRows(PersonId personId) {
        return jdbc.sql("SELECT count(*) FROM token_vault WHERE person_id = ?").param(personId.value())
                .query(Long.class).single();
    }

    @Test
    void connectSyncAndDisconnectKeepOnlyDerivativesAndRevokeAtTodoist() throws Exception {
        Signed ada = signUp();
        String title = "Call the notary about the house " + UUID.randomUUID();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        FakeTodoist.Account account = todoist.newAccount()
                .openTask("7001", title, today.minusDays(3))
                .openTask("7002", "Water the plants " + title, today)
                .openTask("7003", "Someday " + title, null)
                .completedTask("6000", "Long ago " + title, Instant.now().minus(Duration.ofDays(10)))
                .completedTask("6001", "Finished " + title, Instant.now().minusSeconds(3600))
                .completedTask("6002", "Also finished " + title, Instant.now().minusSeconds(7200));

        OoClient.Response start = browse(ada, "/integrations/todoist/connect");
        assertThat(start.status()).isEqualTo(302);
        assertThat(start.location()).startsWith(todoist.url() + "/oauth/authorize?");
        Map<String, String> authorize = query(start.location());
        assertThat(authorize).containsEntry("client_id", FakeTodoist.CLIENT_ID).containsEntry("scope", "data:read")
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("redirect_uri", "http://localhost:" + port + "/integrations/todoist/callback");
        assertThat(authorize.get("state")).hasSizeGreaterThan(30);

        OoClient.Response back = browse(ada, "/integrations/todoist/callback?code=" + account.code + "&state="
                + authorize.get("state"));
        assertThat(back.status()).isEqualTo(302);
        assertThat(back.location()).startsWith("/me?todoist=connected");
        assertThat(account.codeVerifiers()).singleElement().satisfies(verifier -> assertThat(
                Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                        .digest(verifier.getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo(authorize.get("code_challenge")));
        assertThat(browse(ada, "/integrations/todoist/callback?code=" + account.code + "&state="
                + authorize.get("state")).location()).as("a state is good once").startsWith("/me?todoist=bad-state");

        await().atMost(WAIT).until(() -> signals(ada.personId(), "created") == 3 && signals(ada.personId(),
                "overdue") == 1 && signals(ada.personId(), "completed") == 2);
        assertThat(account.taskRequests()).as("two pages of open tasks, two of completed ones").isEqualTo(4);
        await().atMost(WAIT).until(() -> todoistEntry(ada).hasNonNull("lastSyncAt"));
        JsonNode entry = todoistEntry(ada);
        assertThat(entry.path("status").asText()).isEqualTo("connected");
        assertThat(entry.path("connectedAt").asText()).isNotBlank();
        assertThat(entry.path("lastSyncOutcome").asText()).startsWith("ok: 3 open, 1 overdue, 1 due today, 2 completed");

        PersonFeatures features = queries.query(new FetchPersonFeaturesQuery(ada.personId(), Instant.now()),
                PersonFeatures.class).join();
        assertThat(features.values()).containsEntry("tasksOverdue", 1.0).containsEntry("tasksDueToday", 1.0)
                .containsEntry("tasksCompleted7d", 2.0);

        assertThat(tablesHolding(title)).as("no task title anywhere: event store, views, connector state").isEmpty();
        assertThat(tablesHolding(account.accessToken())).as("the token is only sealed in the vault").isEmpty();
        assertThat(vaultRows(ada.personId())).isEqualTo(1);

        assertThat(ada.api().post("/api/integrations/todoist/sync", "").status()).isEqualTo(202);
        await().atMost(WAIT).until(() -> account.taskRequests() >= 7
                && todoistEntry(ada).path("lastSyncOutcome").asText().contains("0 completed"));
        assertThat(signals(ada.personId(), "created")).as("an unchanged account records nothing new").isEqualTo(3);
        assertThat(signals(ada.personId(), "completed")).as("completions are read since the last sync").isEqualTo(2);

        String issued = account.accessToken();
        OoClient.Response disconnected = ada.api().delete("/api/integrations/todoist");
        assertThat(disconnected.status()).isEqualTo(200);
        assertThat(disconnected.json().path("revokedAtProvider").asBoolean()).isTrue();
        assertThat(todoist.revokedTokens()).contains(issued);
        assertThat(vaultRows(ada.personId())).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM todoist_sync WHERE person_id = ?").param(ada.personId().value())
                .query(Long.class).single()).isZero();
        await().atMost(WAIT).until(() -> {
            JsonNode revoked = todoistEntry(ada);
            return revoked != null && revoked.path("status").asText().equals("revoked");
        });
        assertThat(ada.api().post("/api/integrations/todoist/sync", "").status()).isEqualTo(409);
        assertThat(ada.api().delete("/api/integrations/todoist").status()).isEqualTo(409);
    }

    @Test
    void disconnectRevokesTheVeryTokenTodoistIssued() {
        Signed grace = signUp();
        FakeTodoist.Account account = todoist.newAccount().openTask("1", "x", null);
        String issued = account.accessToken();
        assertThat(connect(grace, account).location()).startsWith("/me?todoist=connected");

        assertThat(grace.api().delete("/api/integrations/todoist").status()).isEqualTo(200);

        assertThat(todoist.revokedTokens()).contains(issued);
        assertThat(vaultRows(grace.personId())).isZero();
    }

    @Test
    void aBadExpiredDeniedOrForeignStateStoresNothing() {
        Signed ada = signUp();
        Signed eve = signUp();
        FakeTodoist.Account account = todoist.newAccount();

        assertThat(browse(ada, "/integrations/todoist/callback?code=" + account.code + "&state=made-up").location())
                .startsWith("/me?todoist=bad-state");
        assertThat(browse(ada, "/integrations/todoist/callback?code=" + account.code).location())
                .startsWith("/me?todoist=bad-state");

        String evesState = query(browse(eve, "/integrations/todoist/connect").location()).get("state");
        assertThat(browse(ada, "/integrations/todoist/callback?code=" + account.code + "&state=" + evesState)
                .location()).as("a state started by someone else").startsWith("/me?todoist=bad-state");

        String denied = query(browse(ada, "/integrations/todoist/connect").location()).get("state");
        assertThat(browse(ada, "/integrations/todoist/callback?error=access_denied&state=" + denied).location())
                .startsWith("/me?todoist=denied");

        String late = query(browse(ada, "/integrations/todoist/connect").location()).get("state");
        jdbc.sql("UPDATE todoist_oauth_state SET expires_at = now() - interval '1 minute' WHERE person_id = ?")
                .param(ada.personId().value()).update();
        assertThat(browse(ada, "/integrations/todoist/callback?code=" + account.code + "&state=" + late).location())
                .startsWith("/me?todoist=expired");

        assertThat(account.codeVerifiers()).as("no code was exchanged").isEmpty();
        assertThat(vaultRows(ada.personId())).isZero();
        assertThat(todoistEntry(ada)).isNull();
        assertThat(browse(ada, "/integrations/todoist/connect").location()).as("signed-out browsers sign in first")
                .doesNotContain("/login");
        assertThat(client().get("/integrations/todoist/connect").location()).contains("/login");
    }

    @Test
    void withoutTheTasksConsentNothingIsConnected() {
        Signed ada = signUp();
        assertThat(ada.api().put("/api/consents/tasks", "{\"granted\":false}").status()).isEqualTo(200);
        FakeTodoist.Account account = todoist.newAccount();

        assertThat(connect(ada, account).location()).startsWith("/me?todoist=no-consent");

        assertThat(vaultRows(ada.personId())).isZero();
        assertThat(todoistEntry(ada)).isNull();
    }

    @Test
    void a401RefreshesAnExpiringTokenOnceAndKeepsItOutOfTheEventStore() {
        Signed ada = signUp();
        FakeTodoist.Account account = todoist.newAccount().refreshable().openTask("1", "first", null);
        assertThat(connect(ada, account).location()).startsWith("/me?todoist=connected");
        await().atMost(WAIT).until(() -> signals(ada.personId(), "created") == 1);
        await().atMost(WAIT).until(() -> todoistEntry(ada).hasNonNull("lastSyncAt"));

        account.invalidateAccessToken();
        account.openTask("2", "second", null);
        assertThat(ada.api().post("/api/integrations/todoist/sync", "").status()).isEqualTo(202);

        await().atMost(WAIT).until(() -> signals(ada.personId(), "created") == 2);
        IntegrationId integration = IntegrationId.of(ada.personId(), "todoist");
        assertThat(eventStore.readEvents(integration.toString()).asStream().map(e -> e.getPayload()).toList())
                .hasAtLeastOneElementOfType(IntegrationTokenRefreshedEvent.class);
        assertThat(tablesHolding(account.accessToken())).isEmpty();
        assertThat(todoistEntry(ada).path("status").asText()).isEqualTo("connected");
    }

    @Test
    void a401WithoutARefreshTokenAsksForANewConnection() {
        Signed ada = signUp();
        FakeTodoist.Account account = todoist.newAccount().openTask("1", "first", null);
        assertThat(connect(ada, account).location()).startsWith("/me?todoist=connected");
        await().atMost(WAIT).until(() -> todoistEntry(ada).hasNonNull("lastSyncAt"));

        account.invalidateAccessToken();
        assertThat(ada.api().post("/api/integrations/todoist/sync", "").status()).isEqualTo(202);

        await().atMost(WAIT).until(() -> todoistEntry(ada).path("status").asText().equals("needs-reconnect"));
        assertThat(todoistEntry(ada).path("lastSyncOutcome").asText()).contains("connect Todoist again");
        assertThat(ada.api().post("/api/integrations/todoist/sync", "").status()).isEqualTo(409);

        FakeTodoist.Account again = todoist.newAccount().openTask("1", "first", null);
        assertThat(connect(ada, again).location()).startsWith("/me?todoist=connected");
        await().atMost(WAIT).until(() -> todoistEntry(ada).path("status").asText().equals("connected"));
    }

    @Test
    void aLongRateLimitReschedulesAndThePeriodicPassSyncsWhatIsDue() {
        Signed ada = signUp();
        FakeTodoist.Account account = todoist.newAccount().openTask("1", "first", null);
        assertThat(connect(ada, account).location()).startsWith("/me?todoist=connected");
        await().atMost(WAIT).until(() -> todoistEntry(ada).hasNonNull("lastSyncAt"));
        String integration = IntegrationId.of(ada.personId(), "todoist").value();

        account.rateLimitNext(1, "600");
        assertThat(ada.api().post("/api/integrations/todoist/sync", "").status()).isEqualTo(202);
        await().atMost(WAIT).until(() -> todoistEntry(ada).path("lastSyncOutcome").asText().contains("limited"));
        assertThat(jdbc.sql("SELECT next_sync_at > now() + interval '5 minutes' FROM todoist_sync WHERE integration_id = ?")
                .param(integration).query(Boolean.class).single()).isTrue();

        account.openTask("2", "second", null);
        jdbc.sql("UPDATE todoist_sync SET next_sync_at = now() - interval '1 second' WHERE integration_id = ?")
                .param(integration).update();
        sync.syncDue();

        assertThat(todoistEntry(ada).path("lastSyncOutcome").asText()).startsWith("ok: 2 open");
        await().atMost(WAIT).until(() -> signals(ada.personId(), "created") == 2);
    }

    @Test
    void aLeasedAccountIsNotTakenByAnotherNode() {
        Signed ada = signUp();
        FakeTodoist.Account account = todoist.newAccount();
        assertThat(connect(ada, account).location()).startsWith("/me?todoist=connected");
        await().atMost(WAIT).until(() -> todoistEntry(ada).hasNonNull("lastSyncAt"));
        IntegrationId integration = IntegrationId.of(ada.personId(), "todoist");
        jdbc.sql("""
                UPDATE todoist_sync SET next_sync_at = now() - interval '1 second', leased_by = 'oo-node other',
                    lease_until = now() + interval '1 minute' WHERE integration_id = ?""")
                .param(integration.value()).update();

        assertThat(sync.lease(integration)).isEmpty();

        jdbc.sql("UPDATE todoist_sync SET lease_until = now() - interval '1 second' WHERE integration_id = ?")
                .param(integration.value()).update();
        assertThat(sync.lease(integration)).as("a dead node's lease runs out").contains(integration);
        sync.syncLeased(integration);
    }

    @Test
    void erasingAConnectedPersonRevokesAtTodoist() {
        Signed ada = signUp();
        FakeTodoist.Account account = todoist.newAccount().openTask("1", "first", null);
        String issued = account.accessToken();
        assertThat(connect(ada, account).location()).startsWith("/me?todoist=connected");

        assertThat(ada.api().delete("/api/me").status()).isEqualTo(202);

        await().atMost(WAIT).until(() -> todoist.revokedTokens().contains(issued));
        await().atMost(WAIT).until(() -> eventStore.readEvents(ada.personId().toString()).asStream()
                .anyMatch(e -> e.getPayload() instanceof PersonErasedEvent));
        assertThat(vaultRows(ada.personId())).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM todoist_sync WHERE person_id = ?").param(ada.personId().value())
                .query(Long.class).single()).isZero();
    }

    @Test
    void tipGenerationGetsTheMostPressingTitlesFromTodoistAndNothingKeepsThem() {
        Signed ada = signUp();
        String marker = UUID.randomUUID().toString();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        FakeTodoist.Account account = todoist.newAccount()
                .openTask("1", "Today " + marker, today)
                .openTask("2", "Overdue " + marker, today.minusDays(2))
                .openTask("3", "Someday " + marker, null);
        assertThat(taskTitles.currentTopTitles(ada.personId()).join()).as("nothing connected yet").isEmpty();
        assertThat(connect(ada, account).location()).startsWith("/me?todoist=connected");
        await().atMost(WAIT).until(() -> todoistEntry(ada).hasNonNull("lastSyncAt"));

        List<String> titles = taskTitles.currentTopTitles(ada.personId()).join();

        assertThat(titles).as("the first page only, earliest due first")
                .containsExactly("Overdue " + marker, "Today " + marker);
        assertThat(tablesHolding(marker)).isEmpty();
        account.invalidateAccessToken();
        assertThat(taskTitles.currentTopTitles(ada.personId()).join()).as("a refused token: no titles").isEmpty();
    }

    @Test
    void anUnknownProviderIsBadInputNamingTheProvider() {
        Signed ada = signUp();
        OoClient.Response response = ada.api().post("/api/integrations/not-a-provider/sync", "");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("field").asText()).isEqualTo("provider");
        assertThat(ada.api().delete("/api/integrations/%27%20OR%201=1").status()).isEqualTo(400);
    }
}
