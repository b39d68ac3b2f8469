package app.oo.web.erasure;

import app.oo.domain.erasure.ErasureStepRecordedEvent;
import app.oo.domain.erasure.RecordErasureStepCommand;
import app.oo.domain.person.PersonId;
import app.oo.sagas.erasure.ErasureSaga;
import java.time.Clock;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * After a restart, wakes every erasure saga still in the saga store: deadlines are in memory and a
 * step in flight died with the old process. The {@code resume} evidence makes the saga run its owed
 * step again (steps are idempotent) and schedule its deadline anew.
 */
@Component
class ErasureResumer {

    private static final Logger log = LoggerFactory.getLogger(ErasureResumer.class);

    private final JdbcClient jdbc;
    private final CommandGateway commands;
    private final Clock clock;

    ErasureResumer(JdbcClient jdbc, CommandGateway commands, Clock clock) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void resume() {
        jdbc.sql("""
                        SELECT e.associationvalue AS erasure_id, p.associationvalue AS person_id
                        FROM associationvalueentry e
                        JOIN associationvalueentry p ON p.sagaid = e.sagaid AND p.associationkey = 'personId'
                        WHERE e.sagatype = ? AND e.associationkey = 'erasureId'""")
                .param(ErasureSaga.class.getName())
                .query((rs, n) -> new RecordErasureStepCommand(PersonId.of(rs.getString("person_id")),
                        UUID.fromString(rs.getString("erasure_id")), UUID.fromString(rs.getString("erasure_id")),
                        ErasureStepRecordedEvent.RESUME, ErasureStepRecordedEvent.RESTARTED,
                        "the app started while this erasure was under way; the owed step runs again", clock.instant()))
                .list()
                .forEach(command -> {
                    log.info("resuming erasure {}", command.erasureId());
                    commands.send(command).exceptionally(failure -> {
                        log.error("erasure {} could not be resumed: {}", command.erasureId(), failure.getMessage());
                        return null;
                    });
                });
    }
}
