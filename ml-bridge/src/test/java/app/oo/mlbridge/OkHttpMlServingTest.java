package app.oo.mlbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.oo.sagas.ml.Candidate;
import app.oo.sagas.ml.GenerateRequest;
import app.oo.sagas.ml.GenerateResponse;
import app.oo.sagas.ml.MlServingException;
import app.oo.sagas.ml.RankRequest;
import app.oo.sagas.ml.RankResponse;
import app.oo.sagas.ml.RewardRequest;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OkHttpMlServingTest {

    private final MockWebServer server = new MockWebServer();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final MutableClock clock = new MutableClock();

    @BeforeEach
    void start() throws IOException {
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        scheduler.shutdownNow();
        server.shutdown();
    }

    private OkHttpMlServing client(int retries, int failureThreshold) {
        MlBridgeProperties props = new MlBridgeProperties(null, "/usr/bin/python3", null, Duration.ofSeconds(5),
                Duration.ofSeconds(2), Duration.ofSeconds(3), retries, Duration.ofMillis(10), failureThreshold,
                Duration.ofSeconds(5));
        String url = server.url("").toString().replaceAll("/$", "");
        return new OkHttpMlServing(() -> url, props, scheduler, clock);
    }

    private static GenerateRequest generateRequest() {
        return new GenerateRequest("key", Map.of("tasksOverdue", 1.0), List.of(), 3);
    }

    private static RankRequest rankRequest() {
        return new RankRequest(UUID.randomUUID(), "key", Map.of(), List.of(
                new Candidate("c1", "Take a break", "advice", "break", Map.of())), false);
    }

    private static MlServingException.Kind failureKind(CompletableFuture<?> future) {
        try {
            future.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(MlServingException.class);
            return ((MlServingException) e.getCause()).kind();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the call succeeded");
    }

    @Test
    void generateReadsTheCandidates() throws Exception {
        server.enqueue(new MockResponse().setBody("""
                {"candidates":[{"id":"c1","text":"Clear one overdue task","kind":"todo","category":"overdue-task",
                "features":{"kind.todo":1}}],"source":"template","extra":"ignored"}"""));

        GenerateResponse response = client(0, 5).generate(generateRequest()).get(5, TimeUnit.SECONDS);

        assertThat(response.source()).isEqualTo("template");
        assertThat(response.candidates()).singleElement()
                .satisfies(c -> assertThat(c.features()).containsEntry("kind.todo", 1.0));
        assertThat(server.takeRequest().getPath()).isEqualTo("/generate");
    }

    @Test
    void idempotentCallIsRetriedAfterAServerError() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(503));
        server.enqueue(new MockResponse().setBody("{\"candidates\":[],\"source\":\"template\"}"));

        GenerateResponse response = client(2, 5).generate(generateRequest()).get(5, TimeUnit.SECONDS);

        assertThat(response.candidates()).isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void rankIsNeverRetriedBecauseARetryWouldDrawASecondDecision() {
        server.enqueue(new MockResponse().setResponseCode(503));
        server.enqueue(new MockResponse().setResponseCode(200).setBody("{}"));

        assertThat(failureKind(client(2, 5).rank(rankRequest()))).isEqualTo(MlServingException.Kind.UNAVAILABLE);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void rankReadsChoicePropensityAndShadow() throws Exception {
        server.enqueue(new MockResponse().setBody("""
                {"decisionId":"%s","chosenId":"c1","propensity":0.75,"propensityMethod":"monte-carlo",
                "policy":"lin-ts","policyVersion":"v1",
                "shadow":{"chosenId":"c1","propensity":0.5,"policy":"lin-ucb","policyVersion":"v1"}}"""
                .formatted(UUID.randomUUID())));

        RankResponse response = client(0, 5).rank(rankRequest()).get(5, TimeUnit.SECONDS);

        assertThat(response.chosenId()).isEqualTo("c1");
        assertThat(response.propensity()).isEqualTo(0.75);
        assertThat(response.shadow().policy()).isEqualTo("lin-ucb");
    }

    @Test
    void unknownDecisionOnRewardIsItsOwnKindAndNotRetried() {
        server.enqueue(new MockResponse().setResponseCode(404).setBody("{\"title\":\"Not found\"}"));

        assertThat(failureKind(client(2, 5).reward(new RewardRequest(UUID.randomUUID(), 1.0))))
                .isEqualTo(MlServingException.Kind.UNKNOWN_DECISION);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void refusedRequestIsNotRetriedAndKeepsTheCircuitClosed() {
        OkHttpMlServing client = client(2, 1);
        server.enqueue(new MockResponse().setResponseCode(422).setBody("{\"field\":\"candidates\"}"));
        server.enqueue(new MockResponse().setBody("{\"candidates\":[],\"source\":\"template\"}"));

        assertThat(failureKind(client.generate(generateRequest()))).isEqualTo(MlServingException.Kind.REJECTED);
        assertThat(client.details()).containsEntry("circuit", "CLOSED");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void slowAnswerIsATimeout() {
        server.enqueue(new MockResponse().setHeadersDelay(8, TimeUnit.SECONDS).setBody("{}"));

        assertThat(failureKind(client(0, 5).generate(generateRequest()))).isEqualTo(MlServingException.Kind.TIMEOUT);
    }

    @Test
    void circuitOpensAfterRepeatedFailuresFailsFastThenLetsOneTrialThrough() throws Exception {
        OkHttpMlServing client = client(0, 2);
        server.enqueue(new MockResponse().setResponseCode(500));
        server.enqueue(new MockResponse().setResponseCode(500));
        failureKind(client.generate(generateRequest()));
        failureKind(client.generate(generateRequest()));

        assertThat(failureKind(client.generate(generateRequest()))).isEqualTo(MlServingException.Kind.CIRCUIT_OPEN);
        assertThat(server.getRequestCount()).as("an open circuit sends nothing").isEqualTo(2);

        clock.advance(Duration.ofSeconds(6));
        server.enqueue(new MockResponse().setBody("{\"candidates\":[],\"source\":\"template\"}"));
        assertThat(client.generate(generateRequest()).get(5, TimeUnit.SECONDS).source()).isEqualTo("template");
        assertThat(client.details()).containsEntry("circuit", "CLOSED");
    }

    @Test
    void unreachableServiceIsUnavailable() throws IOException {
        OkHttpMlServing client = client(1, 5);
        server.shutdown();

        assertThat(failureKind(client.generate(generateRequest()))).isEqualTo(MlServingException.Kind.UNAVAILABLE);
    }

    /** A clock the test moves forward. */
    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-25T08:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
