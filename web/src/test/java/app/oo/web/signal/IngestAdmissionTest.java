package app.oo.web.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import app.oo.query.features.PersonFeaturesProjection;
import app.oo.query.platform.ProjectionLag;
import app.oo.query.timing.TimingProjection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Batches are refused while a view the recommender reads is behind, taken again once it is not. */
class IngestAdmissionTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private final Clock clock = mock(Clock.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private ProjectionLag lag;
    private IngestAdmission admission;

    @BeforeEach
    void setUp() {
        at(T0);
        lag = new ProjectionLag(meters, clock);
        admission = new IngestAdmission(lag, Duration.ofSeconds(2), meters);
    }

    @Test
    void aViewThatHandlesEventsThreeSecondsOldRefusesBatchesNamingTheView() throws Exception {
        handle(TimingProjection.GROUP, event(T0.minusSeconds(3)));

        assertThat(lag.behind(TimingProjection.GROUP)).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(admission::admitBatch)
                .isInstanceOfSatisfying(IngestAdmission.ViewsBehindException.class,
                        e -> assertThat(e.view()).isEqualTo(TimingProjection.GROUP))
                .hasMessageContaining("3000 ms behind").hasMessageContaining("nothing was stored");
        assertThat(shed(TimingProjection.GROUP)).isEqualTo(1.0);
        assertThat(shed(PersonFeaturesProjection.GROUP)).isZero();
    }

    @Test
    void aViewWithinTheBoundTakesBatches() throws Exception {
        handle(PersonFeaturesProjection.GROUP, event(T0.minusMillis(1_500)));

        assertThat(lag.behind(PersonFeaturesProjection.GROUP)).isEqualTo(Duration.ofMillis(1_500));
        admission.admitBatch();
    }

    @Test
    void aViewThatCaughtUpTakesBatchesAgain() throws Exception {
        handle(PersonFeaturesProjection.GROUP, event(T0.minusSeconds(5)));
        assertThatThrownBy(admission::admitBatch).isInstanceOf(IngestAdmission.ViewsBehindException.class);

        handle(PersonFeaturesProjection.GROUP, event(T0.minusMillis(20)));
        admission.admitBatch();
        assertThat(shed(PersonFeaturesProjection.GROUP)).isEqualTo(1.0);
    }

    @Test
    void aViewThatHandledNothingForASecondIsIdleNotBehind() throws Exception {
        handle(PersonFeaturesProjection.GROUP, event(T0.minusSeconds(5)));
        at(T0.plusMillis(1_001));

        assertThat(lag.behind(PersonFeaturesProjection.GROUP)).isZero();
        admission.admitBatch();
    }

    @Test
    void replayedEventsSayNothingAboutFreshness() throws Exception {
        EventMessage<?> old = event(T0.minus(Duration.ofDays(30)));
        handle(PersonFeaturesProjection.GROUP, new GenericTrackedEventMessage<>(
                ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(10), new GlobalSequenceTrackingToken(1)),
                old));

        assertThat(lag.behind(PersonFeaturesProjection.GROUP)).isZero();
        admission.admitBatch();
    }

    @Test
    void aBoundOfZeroTakesEveryBatch() throws Exception {
        handle(TimingProjection.GROUP, event(T0.minusSeconds(60)));

        new IngestAdmission(lag, Duration.ZERO, meters).admitBatch();
        assertThat(lag.behind("a-group-never-seen")).isZero();
    }

    private double shed(String view) {
        return meters.get(IngestAdmission.SHED_METRIC).tag("view", view).counter().count();
    }

    private void at(Instant now) {
        when(clock.instant()).thenReturn(now);
        when(clock.millis()).thenReturn(now.toEpochMilli());
    }

    private static EventMessage<?> event(Instant timestamp) {
        return new GenericEventMessage<>("e-" + timestamp.toEpochMilli(), "payload", Map.of(), timestamp);
    }

    private void handle(String group, EventMessage<?> event) throws Exception {
        MessageHandlerInterceptor<EventMessage<?>> interceptor = lag.forGroup(group);
        DefaultUnitOfWork<EventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(event);
        try {
            interceptor.handle(unitOfWork, () -> null);
        } finally {
            unitOfWork.commit();
        }
    }
}
