package app.oo.sagas.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.oo.domain.policy.PolicyPromotedEvent;
import app.oo.domain.policy.PolicyRef;
import app.oo.domain.policy.PromotePolicyCommand;
import app.oo.sagas.ml.GenerateRequest;
import app.oo.sagas.ml.GenerateResponse;
import app.oo.sagas.ml.MlServing;
import app.oo.sagas.ml.MlServingException;
import app.oo.sagas.ml.Policies;
import app.oo.sagas.ml.PolicyInfo;
import app.oo.sagas.ml.PromoteRequest;
import app.oo.sagas.ml.RankRequest;
import app.oo.sagas.ml.RankResponse;
import app.oo.sagas.ml.RewardRequest;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class PolicyPromotionForwarderTest {

    private static final PolicyRef INCUMBENT = new PolicyRef("linear-ts", "1");
    private static final PolicyRef SHADOW = new PolicyRef("ridge-egreedy", "2");
    private static final PolicyPromotedEvent PROMOTED = new PolicyPromotedEvent(PromotePolicyCommand.REGISTRY_ID,
            SHADOW, INCUMBENT, "sim-1", null, "analyst", Instant.parse("2026-03-02T09:00:00Z"));

    private final FakeMl ml = new FakeMl();
    private final PolicyPromotionForwarder forwarder = new PolicyPromotionForwarder(ml);

    private static Policies policies(PolicyRef incumbent, PolicyRef shadow) {
        return new Policies(info(incumbent), info(shadow));
    }

    private static PolicyInfo info(PolicyRef ref) {
        return new PolicyInfo(ref.name(), ref.version(), 10, 186, ref.name(), "exact", Map.of(),
                new PolicyInfo.OnlineValue(0, null, "ips"));
    }

    @Test
    void promotesWhenMlServingIsInTheStateThePromotionWasDecidedOn() throws Exception {
        ml.answers.add(CompletableFuture.completedFuture(policies(INCUMBENT, SHADOW)));
        ml.promoteAnswers.add(CompletableFuture.completedFuture(
                policies(new PolicyRef("ridge-egreedy", "3"), new PolicyRef("linear-ts", "4"))));

        forwarder.on(PROMOTED);

        assertThat(ml.promoted).containsExactly("ridge-egreedy");
    }

    @Test
    void failsSoTheProcessorRetriesWhileMlServingIsDown() {
        ml.answers.add(CompletableFuture.failedFuture(
                new MlServingException(MlServingException.Kind.UNAVAILABLE, "/policies failed: refused")));

        assertThatThrownBy(() -> forwarder.on(PROMOTED)).isInstanceOf(ExecutionException.class);
        assertThat(ml.promoted).isEmpty();
    }

    @Test
    void aRetryAfterALostAnswerSeesThePromotionLandedAndDoesNotPromoteAgain() throws Exception {
        ml.answers.add(CompletableFuture.completedFuture(policies(INCUMBENT, SHADOW)));
        ml.promoteAnswers.add(CompletableFuture.failedFuture(
                new MlServingException(MlServingException.Kind.TIMEOUT, "/policies/promote failed: timeout")));
        assertThatThrownBy(() -> forwarder.on(PROMOTED)).isInstanceOf(ExecutionException.class);

        ml.answers.add(CompletableFuture.completedFuture(
                policies(new PolicyRef("ridge-egreedy", "3"), new PolicyRef("linear-ts", "4"))));
        forwarder.on(PROMOTED);

        assertThat(ml.promoted).as("one call, the one whose answer was lost").containsExactly("ridge-egreedy");
    }

    @Test
    void aStalePromotionIsLeftAloneWhenLaterOnesMovedMlServingOn() throws Exception {
        ml.answers.add(CompletableFuture.completedFuture(
                policies(new PolicyRef("linear-ts", "5"), new PolicyRef("ridge-egreedy", "6"))));

        forwarder.on(PROMOTED);

        assertThat(ml.promoted).isEmpty();
    }

    @Test
    void aRefusalIsADefiniteAnswerAndIsNotRetried() throws Exception {
        ml.answers.add(CompletableFuture.completedFuture(policies(INCUMBENT, SHADOW)));
        ml.promoteAnswers.add(CompletableFuture.failedFuture(
                new MlServingException(MlServingException.Kind.REJECTED, "/policies/promote refused with 404")));
        ml.answers.add(CompletableFuture.completedFuture(policies(INCUMBENT, SHADOW)));

        forwarder.on(PROMOTED);

        assertThat(ml.promoted).containsExactly("ridge-egreedy");
    }

    /** ml/serving answering from queues the test fills. */
    static final class FakeMl implements MlServing {
        final Deque<CompletableFuture<Policies>> answers = new ArrayDeque<>();
        final Deque<CompletableFuture<Policies>> promoteAnswers = new ArrayDeque<>();
        final List<String> promoted = new ArrayList<>();

        @Override
        public CompletableFuture<Policies> policies() {
            return answers.isEmpty() ? CompletableFuture.failedFuture(new AssertionError("unexpected /policies"))
                    : answers.removeFirst();
        }

        @Override
        public CompletableFuture<Policies> promote(PromoteRequest request) {
            promoted.add(request.policy());
            return promoteAnswers.removeFirst();
        }

        @Override
        public CompletableFuture<GenerateResponse> generate(GenerateRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<RankResponse> rank(RankRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Boolean> reward(RewardRequest request) {
            throw new UnsupportedOperationException();
        }
    }
}
