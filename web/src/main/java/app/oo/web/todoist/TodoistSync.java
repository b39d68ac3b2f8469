package app.oo.web.todoist;

import app.oo.domain.consent.ConsentMissingException;
import app.oo.domain.integration.IntegrationId;
import app.oo.domain.person.PersonErasedException;
import app.oo.domain.person.PersonId;
import app.oo.domain.signal.RecordSignalsCommand;
import app.oo.web.cluster.NodeName;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Syncs connected Todoist accounts into task signals: periodically (every {@code oo.todoist.sync-interval}
 * per account) and on demand. Several app nodes may run this: a node takes an account with
 * {@code FOR UPDATE SKIP LOCKED} and holds a lease on its {@code todoist_sync} row while it syncs,
 * so no two nodes sync the same account at once, and a dead node's lease simply runs out. One sync
 * is one {@link RecordSignalsCommand} (one commit) of derivative signals; nothing of a task's text
 * is kept or logged.
 */
@Component
public class TodoistSync {

    private static final Logger log = LoggerFactory.getLogger(TodoistSync.class);
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final Duration FIRST_COMPLETIONS_WINDOW = Duration.ofDays(7);
    private static final int ACCOUNTS_PER_TICK = 100;
    private static final int PROGRESS_EVERY = 10;

    private final JdbcClient jdbc;
    private final TodoistClient client;
    private final TodoistTokens tokens;
    private final CommandGateway commands;
    private final TodoistProperties settings;
    private final Clock clock;
    private final TodoistThreads threads;
    private final String node = NodeName.current();

    public TodoistSync(JdbcClient jdbc, TodoistClient client, TodoistTokens tokens, CommandGateway commands,
                       TodoistProperties settings, Clock clock, TodoistThreads threads) {
        this.jdbc = jdbc;
        this.client = client;
        this.tokens = tokens;
        this.commands = commands;
        this.settings = settings;
        this.clock = clock;
        this.threads = threads;
    }

    /** The periodic pass: every account whose next sync is due, one at a time, with progress in the log. */
    @Scheduled(initialDelayString = "${oo.todoist.sync-tick:PT1M}", fixedDelayString = "${oo.todoist.sync-tick:PT1M}")
    public void syncDue() {
        if (!settings.enabled()) {
            return;
        }
        Instant started = clock.instant();
        long due = jdbc.sql("SELECT count(*) FROM todoist_sync WHERE next_sync_at <= ? AND NOT needs_reconnect")
                .param(Timestamp.from(started)).query(Long.class).single();
        int done = 0;
        while (done < ACCOUNTS_PER_TICK) {
            Optional<IntegrationId> next = lease(null);
            if (next.isEmpty()) {
                break;
            }
            syncLeased(next.get());
            done++;
            if (due > 1 && (done % PROGRESS_EVERY == 0 || done >= due)) {
                double seconds = Math.max(0.001, Duration.between(started, clock.instant()).toMillis() / 1000.0);
                double rate = done / seconds;
                log.info("todoist sync: {}/{} accounts, {} per s, about {} s left", done, due,
                        String.format(java.util.Locale.ROOT, "%.2f", rate), Math.round(Math.max(0, due - done) / rate));
            }
        }
    }

    /** Syncs the person's account soon, on another thread. @return false when no connected account is there to sync */
    public boolean requestSync(PersonId person) {
        IntegrationId integration = IntegrationId.of(person, "todoist");
        int rows = jdbc.sql("UPDATE todoist_sync SET next_sync_at = ? WHERE integration_id = ? AND NOT needs_reconnect")
                .params(Timestamp.from(clock.instant()), integration.value()).update();
        if (rows == 0) {
            return false;
        }
        threads.execute(() -> lease(integration).ifPresent(this::syncLeased));
        return true;
    }

    /** Takes one due account (or the given one), unless another node holds it. */
    Optional<IntegrationId> lease(IntegrationId only) {
        Instant now = clock.instant();
        return jdbc.sql("""
                        UPDATE todoist_sync SET leased_by = :node, lease_until = :until
                        WHERE integration_id = (
                            SELECT integration_id FROM todoist_sync
                            WHERE next_sync_at <= :now AND NOT needs_reconnect
                              AND (lease_until IS NULL OR lease_until < :now)
                              AND (CAST(:only AS VARCHAR) IS NULL OR integration_id = :only)
                            ORDER BY next_sync_at LIMIT 1
                            FOR UPDATE SKIP LOCKED)
                        RETURNING integration_id""")
                .param("node", node)
                .param("until", Timestamp.from(now.plus(LEASE)))
                .param("now", Timestamp.from(now))
                .param("only", only == null ? null : only.value())
                .query(String.class).optional().map(IntegrationId::parse);
    }

    /** One sync of an account this node holds the lease of; the lease ends with it. */
    void syncLeased(IntegrationId integration) {
        Instant now = clock.instant();
        String outcome;
        Instant next = now.plus(settings.syncInterval());
        boolean needsReconnect = false;
        Instant completedSince = null;
        String snapshot = null;
        try {
            Row row = row(integration).orElseThrow(() -> new IllegalStateException("the account is gone"));
            Instant since = row.completedSince() != null ? row.completedSince() : now.minus(FIRST_COMPLETIONS_WINDOW);
            TodoistClient.Listing<TodoistClient.TaskDue> open = tokens.call(integration,
                    token -> client.activeTasks(token, settings.maxPages()));
            TodoistClient.Listing<TaskSignals.Completion> completed = tokens.call(integration,
                    token -> client.completedTasks(token, since, now, settings.maxPages()));
            TaskSignals.Outcome result = TaskSignals.diff(integration, TaskSignals.decode(row.openTasks()),
                    open.items(), open.complete(), completed.items(), LocalDate.ofInstant(now, ZoneOffset.UTC), now);
            if (!result.signals().isEmpty()) {
                commands.sendAndWait(new RecordSignalsCommand(integration.personId(), result.signals()));
            }
            snapshot = TaskSignals.encode(result.snapshot());
            completedSince = now;
            outcome = "ok: " + result.summary() + (open.complete() && completed.complete() ? ""
                    : " (more than " + settings.maxPages() + " pages: the rest next time)");
            log.info("todoist sync of {}: {} signals recorded; {}", integration, result.signals().size(),
                    result.summary());
        } catch (TodoistClient.UnauthorizedException e) {
            needsReconnect = true;
            outcome = "Todoist refused access: connect Todoist again";
            log.info("todoist sync of {}: access refused, the account needs a new connection", integration);
        } catch (TodoistClient.RateLimitedException e) {
            next = now.plus(e.retryAfter());
            outcome = "Todoist limited the rate: next try after " + e.retryAfter().toSeconds() + " s";
            log.info("todoist sync of {}: {}", integration, outcome);
        } catch (RuntimeException e) {
            outcome = "failed: " + reason(e);
            log.warn("todoist sync of {} failed: {}", integration, reason(e));
        }
        jdbc.sql("""
                        UPDATE todoist_sync SET leased_by = NULL, lease_until = NULL, last_sync_at = :now,
                            last_outcome = :outcome, next_sync_at = :next, needs_reconnect = :reconnect,
                            completed_since = COALESCE(:since, completed_since),
                            open_tasks = COALESCE(:snapshot, open_tasks)
                        WHERE integration_id = :id AND leased_by = :node""")
                .param("now", Timestamp.from(now))
                .param("outcome", outcome.length() > 200 ? outcome.substring(0, 200) : outcome)
                .param("next", Timestamp.from(next))
                .param("reconnect", needsReconnect)
                .param("since", completedSince == null ? null : Timestamp.from(completedSince))
                .param("snapshot", snapshot)
                .param("id", integration.value())
                .param("node", node)
                .update();
    }

    /** What the person may read: a refusal for lack of consent or an erasure says so; anything else by its kind. */
    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConsentMissingException) {
                return "the tasks consent is off, nothing was recorded";
            }
            if (t instanceof PersonErasedException) {
                return "the person is erased";
            }
            if (t instanceof TodoistClient.TodoistException) {
                return t.getMessage();
            }
        }
        return e instanceof CommandExecutionException ? "the signals were refused" : e.getClass().getSimpleName();
    }

    private record Row(Instant completedSince, String openTasks) {
    }

    private Optional<Row> row(IntegrationId integration) {
        return jdbc.sql("SELECT completed_since, open_tasks FROM todoist_sync WHERE integration_id = ?")
                .param(integration.value())
                .query((rs, n) -> new Row(rs.getTimestamp("completed_since") == null ? null
                        : rs.getTimestamp("completed_since").toInstant(), rs.getString("open_tasks")))
                .optional();
    }

    /** The stored snapshot, for tests: references and due dates only. */
    Map<String, TaskSignals.Seen> snapshotOf(IntegrationId integration) {
        return row(integration).map(r -> TaskSignals.decode(r.openTasks())).orElse(Map.of());
    }
}
