package app.oo.web.todoist;

import static org.assertj.core.api.Assertions.assertThat;

import app.oo.domain.integration.IntegrationId;
import app.oo.domain.person.PersonId;
import app.oo.domain.signal.RecordSignalCommand;
import app.oo.domain.signal.TaskPayload;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TaskSignalsTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-11-25");
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final IntegrationId integration = IntegrationId.of(PersonId.of(UUID.randomUUID().toString()), "todoist");

    private static TodoistClient.TaskDue task(String id, String due) {
        return new TodoistClient.TaskDue(id, due == null ? null : LocalDate.parse(due));
    }

    private static List<String> types(TaskSignals.Outcome outcome) {
        return outcome.signals().stream().map(RecordSignalCommand::type).toList();
    }

    @Test
    void aFirstSyncRecordsEveryOpenTaskOnceAndOverdueOnesAsOverdue() {
        TaskSignals.Outcome outcome = TaskSignals.diff(integration, Map.of(),
                List.of(task("1", "2026-11-20"), task("2", "2026-11-25"), task("3", null)), true,
                List.of(new TaskSignals.Completion("4", NOW.minusSeconds(600))), TODAY, NOW);

        assertThat(types(outcome)).containsExactlyInAnyOrder("completed", "created", "overdue", "created", "created");
        assertThat(outcome.open()).isEqualTo(3);
        assertThat(outcome.overdue()).isEqualTo(1);
        assertThat(outcome.dueToday()).isEqualTo(1);
        assertThat(outcome.completed()).isEqualTo(1);
        assertThat(outcome.signals()).allSatisfy(s -> {
            assertThat(s.personId()).isEqualTo(integration.personId());
            TaskPayload payload = (TaskPayload) s.payload();
            assertThat(payload.taskRef()).startsWith("td-").hasSize(35);
            assertThat(payload.project()).isNull();
        });
        assertThat(outcome.signals()).filteredOn(s -> s.type().equals("completed"))
                .extracting(RecordSignalCommand::occurredAt).containsExactly(NOW.minusSeconds(600));
    }

    @Test
    void anUnchangedAccountRecordsNothingTheSecondTime() {
        List<TodoistClient.TaskDue> open = List.of(task("1", "2026-11-20"), task("2", "2026-11-26"));
        TaskSignals.Outcome first = TaskSignals.diff(integration, Map.of(), open, true, List.of(), TODAY, NOW);
        Map<String, TaskSignals.Seen> stored = TaskSignals.decode(TaskSignals.encode(first.snapshot()));

        TaskSignals.Outcome second = TaskSignals.diff(integration, stored, open, true, List.of(), TODAY, NOW);

        assertThat(second.signals()).isEmpty();
        assertThat(second.overdue()).isEqualTo(1);
        assertThat(stored).isEqualTo(first.snapshot());
    }

    @Test
    void aNewDueDateIsRecordedAndATaskThatTurnsOverdueIsSignalledOnce() {
        TaskSignals.Outcome first = TaskSignals.diff(integration, Map.of(),
                List.of(task("1", "2026-11-25"), task("2", "2026-11-30")), true, List.of(), TODAY, NOW);

        TaskSignals.Outcome nextDay = TaskSignals.diff(integration, first.snapshot(),
                List.of(task("1", "2026-11-25"), task("2", "2026-12-03")), true, List.of(), TODAY.plusDays(1),
                NOW.plusSeconds(86_400));

        assertThat(types(nextDay)).containsExactlyInAnyOrder("overdue", "created");
        assertThat(TaskSignals.diff(integration, nextDay.snapshot(),
                List.of(task("1", "2026-11-25"), task("2", "2026-12-03")), true, List.of(), TODAY.plusDays(1),
                NOW.plusSeconds(90_000)).signals()).isEmpty();
    }

    @Test
    void aCompletedTaskLeavesTheSnapshotAndAnIncompleteListingForgetsNothing() {
        TaskSignals.Outcome first = TaskSignals.diff(integration, Map.of(),
                List.of(task("1", null), task("2", null)), true, List.of(), TODAY, NOW);

        TaskSignals.Outcome partial = TaskSignals.diff(integration, first.snapshot(), List.of(task("2", null)), false,
                List.of(), TODAY, NOW);
        assertThat(partial.snapshot()).containsOnlyKeys(first.snapshot().keySet());

        TaskSignals.Outcome done = TaskSignals.diff(integration, first.snapshot(), List.of(task("2", null)), true,
                List.of(new TaskSignals.Completion("1", NOW)), TODAY, NOW);
        assertThat(types(done)).containsExactly("completed");
        assertThat(done.snapshot()).containsOnlyKeys(TaskSignals.ref(integration, "2"));
    }

    @Test
    void referencesAreStablePerIntegrationAndUnlinkableAcrossPeople() {
        IntegrationId other = IntegrationId.of(PersonId.of(UUID.randomUUID().toString()), "todoist");
        assertThat(TaskSignals.ref(integration, "42")).isEqualTo(TaskSignals.ref(integration, "42"))
                .isNotEqualTo(TaskSignals.ref(other, "42"));
    }
}
