package app.oo.query.tipfeed;

import static org.assertj.core.api.Assertions.assertThat;

import app.oo.domain.person.PersonId;
import app.oo.domain.tip.TipFeedResponse;
import app.oo.domain.tip.TipId;
import app.oo.domain.tip.TipKind;
import app.oo.domain.tip.TipView;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackerStatus;
import org.junit.jupiter.api.Test;

class CurrentTipCacheTest {

    private static final Segment[] HALVES = Segment.ROOT_SEGMENT.split();
    private final Map<Integer, EventTrackerStatus> status = new HashMap<>();
    private final CurrentTipCache cache = new CurrentTipCache(() -> status, 1000);

    private static TrackerStatus caughtUp(Segment segment) {
        return new TrackerStatus(segment, new GlobalSequenceTrackingToken(10)).caughtUp();
    }

    private static TipFeedResponse tip(String text) {
        return new TipFeedResponse(new TipView(TipId.random(), text, TipKind.ADVICE, "movement",
                Instant.parse("2026-11-25T08:00:00Z"), "linear-ts", null));
    }

    /** A person whose sequence falls into the given half of the segments. */
    private static PersonId personIn(Segment segment) {
        while (true) {
            PersonId person = PersonId.random();
            if (segment.matches(person.toString())) {
                return person;
            }
        }
    }

    @Test
    void servesWhatTheProjectionWroteWhileThisNodeHoldsTheCaughtUpSegment() {
        status.put(0, caughtUp(HALVES[0]));
        status.put(1, caughtUp(HALVES[1]));
        PersonId person = personIn(HALVES[0]);
        assertThat(cache.find(person)).isEmpty();

        cache.written(person, tip("Stretch."));

        assertThat(cache.find(person).orElseThrow().current().text()).isEqualTo("Stretch.");
    }

    @Test
    void neverServesAPersonWhoseSegmentAnotherNodeHolds() {
        status.put(0, caughtUp(HALVES[0]));
        cache.find(PersonId.random());
        PersonId elsewhere = personIn(HALVES[1]);

        cache.written(elsewhere, tip("Stretch."));

        assertThat(cache.find(elsewhere)).isEmpty();
    }

    @Test
    void neverServesWhileTheSegmentIsCatchingUp() {
        status.put(0, new TrackerStatus(Segment.ROOT_SEGMENT, new GlobalSequenceTrackingToken(3)));
        PersonId person = PersonId.random();
        cache.find(person);

        cache.written(person, tip("Stretch."));

        assertThat(cache.find(person)).isEmpty();
    }

    @Test
    void forgetsEverythingWhenTheHeldSegmentsChange() {
        status.put(0, caughtUp(HALVES[0]));
        status.put(1, caughtUp(HALVES[1]));
        PersonId person = personIn(HALVES[0]);
        cache.find(person);
        cache.written(person, tip("Stretch."));

        status.remove(1);
        assertThat(cache.find(person)).as("a segment was given away: what follows was written elsewhere").isEmpty();
        status.put(1, caughtUp(HALVES[1]));
        assertThat(cache.find(person)).as("and taken back: still nothing from before").isEmpty();
    }

    @Test
    void aReadOfTheTableNeverOverwritesWhatAHandlerWrote() {
        status.put(0, caughtUp(Segment.ROOT_SEGMENT));
        PersonId person = PersonId.random();
        cache.find(person);
        long epoch = cache.epoch();

        cache.written(person, tip("New."));
        cache.read(person, tip("Old."), epoch);

        assertThat(cache.find(person).orElseThrow().current().text()).isEqualTo("New.");
    }

    @Test
    void aReadStartedBeforeTheCacheWasClearedIsNotKept() {
        status.put(0, caughtUp(Segment.ROOT_SEGMENT));
        PersonId person = PersonId.random();
        cache.find(person);
        long epoch = cache.epoch();

        cache.clear();
        cache.read(person, tip("Old."), epoch);

        assertThat(cache.find(person)).isEmpty();
    }

    @Test
    void disabledCacheNeverServes() {
        CurrentTipCache disabled = CurrentTipCache.disabled();
        PersonId person = PersonId.random();
        disabled.written(person, tip("Stretch."));
        assertThat(disabled.find(person)).isEmpty();
    }

    private static TipView issuedAt(String text, String at) {
        return new TipView(TipId.random(), text, TipKind.ADVICE, "movement", Instant.parse(at), "linear-ts", null);
    }

    @Test
    void aTipIssuedHereIsServedBeforeTheProjectionWroteItAndUntilItDid() {
        status.put(0, caughtUp(Segment.ROOT_SEGMENT));
        PersonId person = PersonId.random();
        cache.find(person);
        cache.written(person, tip("Old."));
        TipView issued = issuedAt("New.", "2026-11-25T09:00:00Z");

        cache.issued(person, issued);
        assertThat(cache.find(person).orElseThrow().current()).isEqualTo(issued);

        cache.written(person, tip("Old."));
        assertThat(cache.find(person).orElseThrow().current())
                .as("the projection, still behind, wrote an earlier state: the issued tip stays current")
                .isEqualTo(issued);

        cache.projected(person, issued.issuedAt());
        cache.written(person, new TipFeedResponse(issued));
        assertThat(cache.find(person).orElseThrow().current()).isEqualTo(issued);
        cache.written(person, TipFeedResponse.none());
        assertThat(cache.find(person).orElseThrow().current())
                .as("once projected, the projection's word is the cache's").isNull();
    }

    @Test
    void anOlderTipProjectedLeavesTheNewerIssuedOneCurrent() {
        status.put(0, caughtUp(Segment.ROOT_SEGMENT));
        PersonId person = PersonId.random();
        cache.find(person);
        TipView issued = issuedAt("New.", "2026-11-25T09:00:00Z");

        cache.issued(person, issued);
        cache.projected(person, Instant.parse("2026-11-25T08:59:59Z"));

        assertThat(cache.find(person).orElseThrow().current()).isEqualTo(issued);
    }

    @Test
    void aReactionToTheIssuedTipOrItsRollbackDropsIt() {
        status.put(0, caughtUp(Segment.ROOT_SEGMENT));
        PersonId person = PersonId.random();
        cache.find(person);
        cache.written(person, TipFeedResponse.none());
        TipView issued = issuedAt("New.", "2026-11-25T09:00:00Z");
        cache.issued(person, issued);

        cache.settled(person, TipId.random());
        assertThat(cache.find(person).orElseThrow().current()).as("another tip's reaction").isEqualTo(issued);
        cache.settled(person, issued.id());
        assertThat(cache.find(person).orElseThrow().current()).isNull();
    }

    @Test
    void anErasedPersonsIssuedTipIsGone() {
        status.put(0, caughtUp(Segment.ROOT_SEGMENT));
        PersonId person = PersonId.random();
        cache.find(person);
        cache.issued(person, issuedAt("New.", "2026-11-25T09:00:00Z"));

        cache.erased(person);

        assertThat(cache.find(person).orElseThrow().current()).isNull();
    }
}
