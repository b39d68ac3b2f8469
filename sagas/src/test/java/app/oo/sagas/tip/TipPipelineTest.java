package app.oo.sagas.tip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import app.oo.domain.features.FetchPersonFeaturesQuery;
import app.oo.domain.features.PersonFeatures;
import app.oo.domain.person.PersonId;
import app.oo.domain.person.PersonKeys;
import app.oo.domain.tip.CandidateFeatures;
import app.oo.domain.tip.Decision;
import app.oo.domain.tip.IssueTipCommand;
import app.oo.domain.tip.TipId;
import app.oo.sagas.ml.Candidate;
import app.oo.sagas.ml.GenerateRequest;
import app.oo.sagas.ml.GenerateResponse;
import app.oo.sagas.ml.MlServing;
import app.oo.sagas.ml.RankRequest;
import app.oo.sagas.ml.RankResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * Prepared candidates on the request path, the decision they give, and the person's task titles in
 * the generate request (a slow or failing provider means none).
 */
class TipPipelineTest {

    private final Instant now = Instant.parse("2026-11-25T08:00:00Z");
    private final PersonId person = PersonId.random();
    private final TipId tipId = TipId.random();
    private final QueryGateway queries = mock(QueryGateway.class);
    private final CommandGateway commands = mock(CommandGateway.class);
    private final MlServing ml = mock(MlServing.class);
    private final TaskTitles titles = mock(TaskTitles.class);
    private final PreparedCandidates prepared = new PreparedCandidates(100);
    private final Candidate preparedCandidate = new Candidate("tpl-prepared", "Take a walk.", "advice", "movement",
            Map.of("kind.advice", 1.0));
    private final Candidate generatedCandidate = new Candidate("tpl-generated", "Plan the day.", "todo", "plan-day",
            Map.of("kind.todo", 1.0));
    private Map<String, Double> features = new HashMap<>(Map.of("tasksOverdue", 0.0, "localHour", 8.0,
            "hoursSinceLastTip", 1.0));
    private TipPipeline pipeline;

    @BeforeEach
    void setUp() {
        pipeline = new TipPipeline(queries, commands, ml, new PersonKeys("pipeline-test-pseudonym-key"),
                new TipSagaProperties(Duration.ofMillis(1500), 5), prepared,
                new PreparedCandidatesProperties(true, Duration.ofMinutes(10), 4, 100), Runnable::run,
                Clock.fixed(now, ZoneOffset.UTC), titles);
        when(titles.currentTopTitles(person)).thenReturn(CompletableFuture.completedFuture(List.of()));
        when(queries.query(any(FetchPersonFeaturesQuery.class), any(Class.class)))
                .thenAnswer(inv -> CompletableFuture.completedFuture(new PersonFeatures(person, features, now)));
        when(ml.generate(any())).thenReturn(CompletableFuture.completedFuture(
                new GenerateResponse(List.of(generatedCandidate), "template")));
        when(ml.rank(any())).thenAnswer(inv -> {
            RankRequest r = inv.getArgument(0);
            return CompletableFuture.completedFuture(new RankResponse(r.decisionId(), r.candidates().get(0).id(), 0.8,
                    "monte-carlo", "linear-ts", "1", new RankResponse.Shadow(r.candidates().get(0).id(), 0.6,
                    "eps-greedy", "2")));
        });
        when(commands.send(any())).thenReturn(CompletableFuture.completedFuture(null));
    }

    private PreparedCandidates.Preparation preparation(Map<String, Double> snapshot, Instant at) {
        return new PreparedCandidates.Preparation(person, List.of(preparedCandidate),
                new PersonFeatures(person, snapshot, at), at);
    }

    private IssueTipCommand issued() {
        ArgumentCaptor<IssueTipCommand> sent = ArgumentCaptor.forClass(IssueTipCommand.class);
        verify(commands).send(sent.capture());
        return sent.getValue();
    }

    @Test
    void fittingPreparationIsRankedWithoutGeneratingAndTheDecisionIsComplete() {
        prepared.put(preparation(Map.copyOf(features), now.minusSeconds(60)));
        features.put("hoursSinceLastTip", 2.0);

        pipeline.issueRanked(tipId, person).join();

        verify(ml, never()).generate(any());
        IssueTipCommand command = issued();
        assertThat(command.text()).isEqualTo("Take a walk.");
        Decision decision = command.decision();
        assertThat(decision.candidates()).extracting(CandidateFeatures::id).containsExactly("tpl-prepared");
        assertThat(decision.context()).as("ranked on the features read at the request")
                .containsEntry("hoursSinceLastTip", 2.0);
        assertThat(decision.propensity()).isEqualTo(0.8);
        assertThat(decision.policy()).isEqualTo("linear-ts");
        assertThat(decision.shadow().policy()).isEqualTo("eps-greedy");
        assertThat(prepared.used()).isEqualTo(1);
    }

    @Test
    void missingPreparationGeneratesOnRequest() {
        pipeline.issueRanked(tipId, person).join();

        verify(ml).generate(any(GenerateRequest.class));
        assertThat(issued().decision().candidates()).extracting(CandidateFeatures::id).containsExactly("tpl-generated");
        assertThat(prepared.generatedOnRequest()).isEqualTo(1);
    }

    @Test
    void preparationForAnotherSituationGeneratesOnRequest() {
        prepared.put(preparation(Map.copyOf(features), now.minusSeconds(60)));
        features.put("tasksOverdue", 1.0);

        pipeline.issueRanked(tipId, person).join();

        verify(ml).generate(any(GenerateRequest.class));
        assertThat(issued().decision().candidates()).extracting(CandidateFeatures::id).containsExactly("tpl-generated");
    }

    @Test
    void preparationOlderThanItsAgeGeneratesOnRequest() {
        prepared.put(preparation(Map.copyOf(features), now.minus(Duration.ofMinutes(11))));

        pipeline.issueRanked(tipId, person).join();

        verify(ml).generate(any(GenerateRequest.class));
        assertThat(issued().decision().candidates()).extracting(CandidateFeatures::id).containsExactly("tpl-generated");
    }

    @Test
    void prepareKeepsTheGeneratedCandidatesWithTheirFeatures() {
        assertThat(pipeline.prepare(person, false).join()).isTrue();

        PreparedCandidates.Preparation kept = prepared.peek(person).orElseThrow();
        assertThat(kept.candidates()).containsExactly(generatedCandidate);
        assertThat(kept.snapshot().values()).isEqualTo(features);
        assertThat(kept.preparedAt()).isEqualTo(now);
    }

    @Test
    void missingPreparationGeneratedOnRequestIsTheNextRequestsPreparation() {
        pipeline.issueRanked(tipId, person).join();

        PreparedCandidates.Preparation kept = prepared.peek(person).orElseThrow();
        assertThat(kept.candidates()).containsExactly(generatedCandidate);
        assertThat(kept.snapshot().values()).isEqualTo(features);
        pipeline.issueRanked(TipId.random(), person).join();
        verify(ml, times(1)).generate(any());
    }

    @Test
    void prepareLeavesAYoungPreparationUnlessAskedWithoutReadingTheFeatures() {
        prepared.put(preparation(Map.copyOf(features), now.minusSeconds(60)));

        assertThat(pipeline.prepare(person, false).join()).isFalse();
        verify(ml, never()).generate(any());
        verify(queries, never()).query(any(FetchPersonFeaturesQuery.class), any(Class.class));

        assertThat(pipeline.prepare(person, true).join()).isTrue();
        verify(ml, times(1)).generate(any());
        assertThat(prepared.peek(person).orElseThrow().candidates()).containsExactly(generatedCandidate);
    }

    @Test
    void failingRankIssuesTheFallbackOnTheFeaturesAlreadyRead() {
        prepared.put(preparation(Map.copyOf(features), now.minusSeconds(60)));
        doReturn(CompletableFuture.failedFuture(new IllegalStateException("down"))).when(ml).rank(any());

        pipeline.issueRanked(tipId, person).join();

        assertThat(issued().decision().policy()).isEqualTo(Decision.FALLBACK_POLICY);
        verify(queries, times(1)).query(any(FetchPersonFeaturesQuery.class), any(Class.class));
    }

    private GenerateRequest generateRequest() {
        pipeline.issueRanked(tipId, person).join();
        ArgumentCaptor<GenerateRequest> request = ArgumentCaptor.forClass(GenerateRequest.class);
        verify(ml).generate(request.capture());
        return request.getValue();
    }

    @Test
    void theCurrentTaskTitlesGoIntoTheGenerateRequest() {
        when(titles.currentTopTitles(person)).thenReturn(CompletableFuture.completedFuture(List.of("Call the notary")));

        assertThat(generateRequest().taskTitles()).containsExactly("Call the notary");
    }

    @Test
    void aProviderThatNeverAnswersMeansNoTitles() {
        when(titles.currentTopTitles(person)).thenReturn(new CompletableFuture<>());

        assertThat(generateRequest().taskTitles()).isEmpty();
    }

    @Test
    void aFailingProviderMeansNoTitles() {
        when(titles.currentTopTitles(person)).thenReturn(CompletableFuture.failedFuture(new IllegalStateException("401")));

        assertThat(generateRequest().taskTitles()).isEmpty();
    }

    @Test
    void aPortThatThrowsMeansNoTitles() {
        when(titles.currentTopTitles(person)).thenThrow(new IllegalStateException("not wired"));

        assertThat(generateRequest().taskTitles()).isEmpty();
    }
}
