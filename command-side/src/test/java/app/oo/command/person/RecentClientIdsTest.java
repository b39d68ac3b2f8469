package app.oo.command.person;

import static org.assertj.core.api.Assertions.assertThat;

import app.oo.domain.signal.SignalId;
import org.junit.jupiter.api.Test;

class RecentClientIdsTest {

    @Test
    void answersTheSignalIdFirstRecordedUnderAClientId() {
        RecentClientIds ids = new RecentClientIds();
        SignalId first = SignalId.random();
        ids.remember("c-1", first);

        assertThat(ids.find("c-1")).isEqualTo(first);
        assertThat(ids.find("c-2")).isNull();
    }

    @Test
    void signalsWithoutClientIdAreNeverDeduplicated() {
        RecentClientIds ids = new RecentClientIds();
        ids.remember(null, SignalId.random());

        assertThat(ids.find(null)).isNull();
        assertThat(ids.size()).isZero();
    }

    @Test
    void forgetsTheOldestClientIdBeyondItsCapacity() {
        RecentClientIds ids = new RecentClientIds();
        for (int i = 0; i <= RecentClientIds.CAPACITY; i++) {
            ids.remember("c-" + i, SignalId.random());
        }

        assertThat(ids.size()).isEqualTo(RecentClientIds.CAPACITY);
        assertThat(ids.find("c-0")).isNull();
        assertThat(ids.find("c-" + RecentClientIds.CAPACITY)).isNotNull();
    }
}
