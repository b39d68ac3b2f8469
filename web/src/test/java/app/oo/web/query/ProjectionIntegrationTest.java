package app.oo.web.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.oo.domain.person.PersonId;
import app.oo.domain.projection.ProjectionStatus;
import app.oo.domain.projection.ProjectionsView;
import app.oo.query.rebuild.ProjectionRebuilds;
import app.oo.web.OoClient;
import app.oo.web.OoIntegrationTest;
import app.oo.web.identity.Role;
import app.oo.web.identity.SignUp;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.UUID;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the query side's integration tests share: the gateways, an analyst signed in through the
 * real authorization server, and waits for the projections to catch up. Same context as every IT.
 */
abstract class ProjectionIntegrationTest extends OoIntegrationTest {

    @Autowired
    protected QueryGateway queries;

    @Autowired
    protected EventGateway events;

    @Autowired
    protected ProjectionRebuilds rebuilds;

    @Autowired
    protected SignUp signUp;

    protected PersonId personIdOf(OoClient.Person person) {
        return PersonId.of(jdbc.sql("SELECT person_id::text FROM account WHERE username = ?")
                .param(person.username()).query(String.class).single());
    }

    /** A staff account with the analyst role, signed in for a bearer token. */
    protected OoClient.Person newAnalyst() {
        String username = "analyst" + System.nanoTime();
        signUp.staff(username, OoClient.PASSWORD, Role.ANALYST);
        OoClient client = client();
        return new OoClient.Person(username, client.token(client.browser(), username), client);
    }

    protected long count(String sql, Object... params) {
        var statement = jdbc.sql(sql);
        for (Object param : params) {
            statement = statement.param(param);
        }
        return statement.query(Long.class).single();
    }

    /** Every projection has handled every event in the store, and the store stopped growing for a moment. */
    protected void awaitQuiet() {
        // Sagas of earlier tests (an erasure retrying a provider, a tip waiting for its deadline)
        // still append events; a rebuild compared with the live view must not race them.
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> jdbc.sql("SELECT count(*) FROM sagaentry").query(Long.class).single() == 0);
        } catch (org.awaitility.core.ConditionTimeoutException stillRunning) {
            // a saga that waits longer than this is left to its own deadline; the head check below still holds
        }
        long[] lastHead = {-1};
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            ProjectionsView view = rebuilds.status(null);
            boolean caughtUp = view.projections().stream().allMatch(p -> p.lagEvents() == 0);
            boolean stable = view.head() == lastHead[0];
            lastHead[0] = view.head();
            return caughtUp && stable;
        });
    }

    protected ProjectionStatus status(String projection) {
        return rebuilds.status(projection).projections().get(0);
    }

    /** Starts a rebuild through the admin API and waits for it to finish; returns its final view. */
    protected JsonNode rebuildThroughApi(OoClient.Person analyst, String projection, String body) {
        OoClient.Response started = analyst.post("/admin/api/projections/" + projection + "/rebuilds", body);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.json().path("rebuildId").asText();
        assertThat(started.location()).endsWith("/admin/api/projections/" + projection + "/rebuilds/" + id);
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            OoClient.Response progress = analyst.get("/admin/api/projections/" + projection + "/rebuilds/" + id);
            assertThat(progress.status()).isEqualTo(200);
            last[0] = progress.json();
            String state = last[0].path("state").asText();
            return state.equals("done") || state.equals("failed") || state.equals("cancelled");
        });
        assertThat(last[0].path("state").asText()).as(last[0].toString()).isEqualTo("done");
        assertThat(UUID.fromString(last[0].path("rebuildId").asText())).isNotNull();
        return last[0];
    }
}
