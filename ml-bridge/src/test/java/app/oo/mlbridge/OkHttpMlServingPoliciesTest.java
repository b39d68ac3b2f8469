package app.oo.mlbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.oo.sagas.ml.MlServingException;
import app.oo.sagas.ml.Policies;
import app.oo.sagas.ml.PromoteRequest;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /policies} and {@code POST /policies/promote} against MockWebServer. */
class OkHttpMlServingPoliciesTest {

    private static final String POLICIES = """
            {"incumbent":{"name":"linear-ts","version":"1","updates":42,"dimension":186,"family":"linear-ts",
             "propensityMethod":"monte-carlo","params":{"lambda":1.0,"v":0.25},
             "online":{"decisions":40,"value":0.55,"estimator":"on-policy-mean"}},
             "shadow":{"name":"ridge-egreedy","version":"2","updates":42,"dimension":186,"family":"ridge-egreedy",
             "propensityMethod":"exact","params":{"epsilon":0.1},
             "online":{"decisions":40,"value":null,"estimator":"ips"}}}""";
    private static final String SWAPPED = """
            {"incumbent":{"name":"ridge-egreedy","version":"3","updates":42,"dimension":186,"family":"ridge-egreedy",
             "propensityMethod":"exact","params":{},"online":{"decisions":0,"value":null,"estimator":"on-policy-mean"}},
             "shadow":{"name":"linear-ts","version":"4","updates":42,"dimension":186,"family":"linear-ts",
             "propensityMethod":"monte-carlo","params":{},"online":{"decisions":0,"value":null,"estimator":"ips"}}}""";

    private final MockWebServer server = new MockWebServer();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void start() throws IOException {
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        scheduler.shutdownNow();
        server.shutdown();
    }

    private OkHttpMlServing client(int retries) {
        MlBridgeProperties props = new MlBridgeProperties(null, "/usr/bin/python3", null, Duration.ofSeconds(5),
                Duration.ofMillis(200), Duration.ofMillis(500), retries, Duration.ofMillis(10), 5,
                Duration.ofSeconds(5));
        String url = server.url("").toString().replaceAll("/$", "");
        return new OkHttpMlServing(() -> url, props, scheduler, Clock.systemUTC());
    }

    private static MlServingException failure(java.util.concurrent.CompletableFuture<?> future) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> future.get(5, TimeUnit.SECONDS));
        assertThat(thrown).isInstanceOf(ExecutionException.class).cause().isInstanceOf(MlServingException.class);
        return (MlServingException) thrown.getCause();
    }

    @Test
    void policiesReadsBothPoliciesWithTheirOnlineValuesAsAGet() throws Exception {
        server.enqueue(new MockResponse().setBody(POLICIES));

        Policies policies = client(0).policies().get(5, TimeUnit.SECONDS);

        assertThat(policies.incumbent().name()).isEqualTo("linear-ts");
        assertThat(policies.incumbent().online().value()).isEqualTo(0.55);
        assertThat(policies.shadow().version()).isEqualTo("2");
        assertThat(policies.shadow().online().value()).as("no value before a rewarded decision").isNull();
        assertThat(policies.shadow().params()).containsEntry("epsilon", 0.1);
        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getPath()).isEqualTo("/policies");
    }

    @Test
    void policiesIsRetriedAfterAServerErrorBecauseReadingIsIdempotent() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(503));
        server.enqueue(new MockResponse().setBody(POLICIES));

        assertThat(client(2).policies().get(5, TimeUnit.SECONDS).incumbent().version()).isEqualTo("1");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void promotePostsThePolicyNameAndReadsThePoliciesAfterTheSwap() throws Exception {
        server.enqueue(new MockResponse().setBody(SWAPPED));

        Policies after = client(0).promote(new PromoteRequest("ridge-egreedy")).get(5, TimeUnit.SECONDS);

        assertThat(after.incumbent().name()).isEqualTo("ridge-egreedy");
        assertThat(after.shadow().name()).isEqualTo("linear-ts");
        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getPath()).isEqualTo("/policies/promote");
        assertThat(request.getBody().readUtf8()).isEqualTo("{\"policy\":\"ridge-egreedy\"}");
    }

    @Test
    void promoteIsNotRetriedOnAServerErrorSoItsCallerCanCheckWhatLanded() {
        server.enqueue(new MockResponse().setResponseCode(503));
        server.enqueue(new MockResponse().setBody(SWAPPED));

        assertThat(failure(client(2).promote(new PromoteRequest("ridge-egreedy"))).kind())
                .isEqualTo(MlServingException.Kind.UNAVAILABLE);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void promotingTheIncumbentAgainIsRefusedWithMlServingsReason() {
        server.enqueue(new MockResponse().setResponseCode(409).setHeader("Content-Type", "application/problem+json")
                .setBody("{\"title\":\"Conflict\",\"detail\":\"ridge-egreedy is already the incumbent\"}"));

        MlServingException refused = failure(client(2).promote(new PromoteRequest("ridge-egreedy")));

        assertThat(refused.kind()).isEqualTo(MlServingException.Kind.REJECTED);
        assertThat(refused.getMessage()).contains("409", "already the incumbent");
    }

    @Test
    void anUnreadablePoliciesAnswerIsABadResponse() {
        server.enqueue(new MockResponse().setBody("not json"));

        assertThatThrownBy(() -> client(0).policies().get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(MlServingException.class)
                .cause().satisfies(e -> assertThat(((MlServingException) e).kind())
                        .isEqualTo(MlServingException.Kind.BAD_RESPONSE));
    }
}
