package app.oo.domain.signal;

import app.oo.domain.privacy.PersonalData;
import java.time.LocalDate;

/**
 * A task's derivatives, never its text: an opaque reference, its due date and its project.
 *
 * @param taskRef opaque provider reference (optional), at most 64 characters
 * @param due     due date (optional)
 * @param project project name (optional, personal), at most 80 characters
 */
public record TaskPayload(String taskRef, LocalDate due, @PersonalData String project) implements SignalPayload {

    public TaskPayload {
        Checks.maxLength("payload.taskRef", taskRef, 64);
        Checks.maxLength("payload.project", project, 80);
    }

    @Override
    public SignalSource source() {
        return SignalSource.TASKS;
    }
}
