package app.oo.domain.projection;

import java.util.UUID;

/** One rebuild's progress; answers {@link RebuildView}, or null when no such rebuild is known. */
public record FindRebuildQuery(UUID rebuildId) {
}
