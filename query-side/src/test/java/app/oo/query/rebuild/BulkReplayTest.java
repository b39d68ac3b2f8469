package app.oo.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import app.oo.domain.erasure.PersonErasedEvent;
import app.oo.domain.signal.SignalRecordedEvent;
import app.oo.domain.tip.TipIssuedEvent;
import app.oo.domain.tip.TipReactedEvent;
import app.oo.query.features.PersonFeaturesProjection;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.Test;

/** Which rows the bulk read asks the store for. */
class BulkReplayTest {

    @Test
    void readsOnlyThePayloadTypesTheProjectionHandles() {
        assertThat(BulkReplay.handledTypes(PersonFeaturesProjection.class)).containsExactlyInAnyOrder(
                SignalRecordedEvent.class.getName(), TipIssuedEvent.class.getName(),
                TipReactedEvent.class.getName(), PersonErasedEvent.class.getName());
    }

    @Test
    void readsEveryRowWhenAHandlerTakesAnInterface() {
        assertThat(BulkReplay.handledTypes(HandlesAnyRecord.class)).isNull();
    }

    @Test
    void honoursAnExplicitPayloadType() {
        assertThat(BulkReplay.handledTypes(HandlesByAnnotation.class))
                .containsExactly(PersonErasedEvent.class.getName());
    }

    static class HandlesAnyRecord {
        @EventHandler
        void on(Comparable<?> anything) {
        }
    }

    static class HandlesByAnnotation {
        @EventHandler(payloadType = PersonErasedEvent.class)
        void on() {
        }
    }
}
