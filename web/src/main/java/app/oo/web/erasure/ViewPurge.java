package app.oo.web.erasure;

import app.oo.domain.erasure.PurgePersonFromViewsCommand;
import app.oo.domain.person.PersonKeys;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes a person from every read model in one transaction: each table with a {@code person_id}
 * column (found in {@code information_schema}, so a new view or a rebuild's fresh table is covered
 * without a change here) except those kept on purpose, and the decision log by its pseudonymous key.
 * The projections drop the person on {@code PersonErasedEvent} too; this purge is what a replay
 * runs after a restore or a rebuild brought rows back.
 */
@Component
class ViewPurge {

    private static final Logger log = LoggerFactory.getLogger(ViewPurge.class);

    private final JdbcClient jdbc;
    private final PersonKeys personKeys;
    private final ErasureProperties settings;
    private final TransactionTemplate transaction;

    ViewPurge(JdbcClient jdbc, PersonKeys personKeys, ErasureProperties settings, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.personKeys = personKeys;
        this.settings = settings;
        this.transaction = transaction;
    }

    /** @return how many rows were deleted; 0 when the person was already gone from every view */
    @CommandHandler
    public Integer handle(PurgePersonFromViewsCommand command) {
        return transaction.execute(status -> {
            int deleted = 0;
            for (String table : tablesWithPersonId()) {
                deleted += jdbc.sql("DELETE FROM \"" + table + "\" WHERE person_id = ?")
                        .param(command.personId().value()).update();
            }
            if (exists("decision_log", "person_key")) {
                deleted += jdbc.sql("DELETE FROM decision_log WHERE person_key = ?")
                        .param(personKeys.of(command.personId())).update();
            }
            log.info("erasure {}: {} view rows deleted", command.erasureId(), deleted);
            return deleted;
        });
    }

    /** Tables of the current schema whose {@code person_id} is a UUID, minus those kept on purpose. */
    List<String> tablesWithPersonId() {
        return jdbc.sql("""
                        SELECT c.table_name FROM information_schema.columns c
                        JOIN information_schema.tables t
                          ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                        WHERE c.table_schema = current_schema() AND c.column_name = 'person_id'
                          AND c.data_type = 'uuid' AND t.table_type = 'BASE TABLE'
                        ORDER BY c.table_name""")
                .query(String.class).list().stream()
                .filter(table -> !settings.keepTables().contains(table))
                .toList();
    }

    private boolean exists(String table, String column) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM information_schema.columns
                        WHERE table_schema = current_schema() AND table_name = ? AND column_name = ?)""")
                .param(table).param(column).query(Boolean.class).single();
    }
}
