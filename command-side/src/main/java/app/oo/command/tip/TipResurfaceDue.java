package app.oo.command.tip;

import java.time.Instant;

/** Deadline payload: a snoozed tip's snooze ends at {@code until}. */
public record TipResurfaceDue(Instant until) {
}
