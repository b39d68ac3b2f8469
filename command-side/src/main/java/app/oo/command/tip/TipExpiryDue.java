package app.oo.command.tip;

import java.time.Instant;

/** Deadline payload: the tip's lifetime ends at {@code at}. */
public record TipExpiryDue(Instant at) {
}
