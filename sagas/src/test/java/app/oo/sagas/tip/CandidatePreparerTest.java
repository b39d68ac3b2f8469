package app.oo.sagas.tip;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import app.oo.domain.person.PersonId;
import app.oo.domain.tip.Decision;
import app.oo.domain.tip.TipId;
import app.oo.domain.tip.TipIssuedEvent;
import app.oo.domain.tip.TipKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Which issued tips start the preparation of the person's next candidates. */
class CandidatePreparerTest {

    private final Instant now = Instant.parse("2026-12-04T09:00:00Z");
    private final PersonId person = PersonId.random();
    private final TipPipeline pipeline = mock(TipPipeline.class);
    private final CandidatePreparer preparer = new CandidatePreparer(pipeline, new PreparedCandidates(100),
            new PreparedCandidatesProperties(true, Duration.ofMinutes(10), 16, 100), Clock.fixed(now, ZoneOffset.UTC));

    @Test
    void aRankedTipPreparesTheNextCandidates() {
        when(pipeline.prepare(any(), anyBoolean())).thenReturn(CompletableFuture.completedFuture(true));

        preparer.on(issued("lin-ts"), now);

        verify(pipeline).prepare(person, false);
    }

    @Test
    void aFallbackTipDoesNotReadTheFeaturesAgainForAPreparationThatWouldFail() {
        preparer.on(issued(Decision.FALLBACK_POLICY), now);

        verify(pipeline, never()).prepare(any(), anyBoolean());
    }

    private TipIssuedEvent issued(String policy) {
        return new TipIssuedEvent(TipId.random(), person, "Stretch.", TipKind.ADVICE, "movement",
                new Decision(UUID.randomUUID(), policy, "1", 1.0, "exact", "c1", Map.of(), List.of(), null), now);
    }
}
