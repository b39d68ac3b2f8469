package app.oo.sagas.tip;

import java.time.Instant;

/** Deadline payload, due at once: the app restarted while this tip was under way. */
public record TipResumeDue(Instant restartedAt) {
}
