package app.oo.web.tip;

import app.oo.sagas.tip.TipSaga;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.axonframework.deadline.DeadlineManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * After a restart, wakes every tip saga still in the saga store: its fallback deadline was in
 * memory and its ranked call died with the old process, so without this a tip asked for just
 * before a crash would never be issued (docs/adr/0018).
 */
@Component
class TipResumer {

    private static final Logger log = LoggerFactory.getLogger(TipResumer.class);

    private final JdbcClient jdbc;
    private final DeadlineManager deadlines;
    private final Clock clock;

    TipResumer(JdbcClient jdbc, DeadlineManager deadlines, Clock clock) {
        this.jdbc = jdbc;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void resume() {
        List<String> sagaIds = jdbc.sql("SELECT DISTINCT sagaid FROM associationvalueentry WHERE sagatype = ?")
                .param(TipSaga.class.getName())
                .query(String.class)
                .list();
        if (sagaIds.isEmpty()) {
            return;
        }
        log.info("resuming {} tip request(s) under way when the app stopped", sagaIds.size());
        Instant now = clock.instant();
        sagaIds.forEach(sagaId -> TipSaga.resume(deadlines, sagaId, now));
    }
}
