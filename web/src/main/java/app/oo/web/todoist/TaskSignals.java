package app.oo.web.todoist;

import app.oo.domain.integration.IntegrationId;
import app.oo.domain.person.PersonId;
import app.oo.domain.signal.RecordSignalCommand;
import app.oo.domain.signal.SignalId;
import app.oo.domain.signal.TaskPayload;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns what a sync read from Todoist into derivative task signals: a task seen for the first time
 * or with a new due date is {@code created}, an open task past its due date is {@code overdue}
 * (once per due date), a task completed since the last sync is {@code completed}. Tasks are named
 * by an opaque reference (a hash of the integration and Todoist's id), never by their text, and the
 * snapshot of the open tasks the next sync compares against holds only references and due dates.
 * A task that vanished without a completion (deleted in Todoist) leaves no signal.
 */
final class TaskSignals {

    /** What a task looked like at the last sync: its due date and whether its overdue signal was sent. */
    record Seen(LocalDate due, boolean overdueSignalled) {
    }

    /** A task Todoist reports completed, with when. */
    record Completion(String taskId, Instant completedAt) {
    }

    /** The signals of one sync, the snapshot to keep, and the counts the person sees. */
    record Outcome(List<RecordSignalCommand> signals, Map<String, Seen> snapshot, int open, int overdue,
                   int dueToday, int completed) {

        String summary() {
            return open + " open, " + overdue + " overdue, " + dueToday + " due today, " + completed
                    + " completed since the last sync";
        }
    }

    private TaskSignals() {
    }

    /**
     * @param openComplete whether {@code open} is every open task; when a page bound cut the listing
     *                     short, tasks not seen this time stay in the snapshot
     */
    static Outcome diff(IntegrationId integration, Map<String, Seen> previous, List<TodoistClient.TaskDue> open,
                        boolean openComplete, List<Completion> completions, LocalDate today, Instant now) {
        PersonId person = integration.personId();
        List<RecordSignalCommand> signals = new ArrayList<>();
        Map<String, Seen> next = new LinkedHashMap<>(openComplete ? Map.of() : previous);
        for (Completion done : completions) {
            String ref = ref(integration, done.taskId());
            signals.add(signal(person, "completed", done.completedAt() == null ? now : done.completedAt(),
                    new TaskPayload(ref, null, null), now));
            next.remove(ref);
        }
        int overdue = 0;
        int dueToday = 0;
        for (TodoistClient.TaskDue task : open) {
            String ref = ref(integration, task.id());
            Seen before = previous.get(ref);
            boolean sameDue = before != null && Objects.equals(before.due(), task.dueDate());
            if (!sameDue) {
                signals.add(signal(person, "created", now, new TaskPayload(ref, task.dueDate(), null), now));
            }
            boolean isOverdue = task.dueDate() != null && task.dueDate().isBefore(today);
            boolean signalled = sameDue && before.overdueSignalled();
            if (isOverdue) {
                overdue++;
                if (!signalled) {
                    signals.add(signal(person, "overdue", now, new TaskPayload(ref, task.dueDate(), null), now));
                }
            } else if (today.equals(task.dueDate())) {
                dueToday++;
            }
            next.put(ref, new Seen(task.dueDate(), isOverdue));
        }
        return new Outcome(signals, next, open.size(), overdue, dueToday, completions.size());
    }

    /** An opaque, stable reference of a Todoist task within one integration (at most 64 characters). */
    static String ref(IntegrationId integration, String taskId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(("oo:todoist:" + integration + ":" + taskId).getBytes(StandardCharsets.UTF_8));
            return "td-" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The snapshot as stored: one {@code ref due overdue} line per open task ({@code -} for no due date). */
    static String encode(Map<String, Seen> snapshot) {
        StringBuilder text = new StringBuilder();
        snapshot.forEach((ref, seen) -> text.append(ref).append(' ')
                .append(seen.due() == null ? "-" : seen.due().toString()).append(' ')
                .append(seen.overdueSignalled() ? '1' : '0').append('\n'));
        return text.toString();
    }

    static Map<String, Seen> decode(String text) {
        Map<String, Seen> snapshot = new LinkedHashMap<>();
        if (text == null) {
            return snapshot;
        }
        for (String line : text.split("\n")) {
            String[] parts = line.split(" ");
            if (parts.length == 3) {
                snapshot.put(parts[0], new Seen("-".equals(parts[1]) ? null : LocalDate.parse(parts[1]),
                        "1".equals(parts[2])));
            }
        }
        return snapshot;
    }

    private static RecordSignalCommand signal(PersonId person, String type, Instant at, TaskPayload payload,
                                              Instant now) {
        return new RecordSignalCommand(person, SignalId.random(), type, at, payload, null, now);
    }
}
