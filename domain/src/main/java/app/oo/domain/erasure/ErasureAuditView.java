package app.oo.domain.erasure;

import app.oo.domain.person.PersonId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Answer to {@link FindErasureAuditQuery}: every recorded step of the person's erasures, oldest first. */
public record ErasureAuditView(PersonId personId, List<Step> steps) {

    public ErasureAuditView {
        steps = List.copyOf(steps);
    }

    /**
     * One step of an erasure.
     *
     * @param step    {@code requested}, {@code completed}, or a step the erasure saga reports
     * @param outcome {@code done}, {@code failed} or {@code skipped}
     * @param detail  a short, non-personal note (who asked, which provider)
     */
    public record Step(UUID erasureId, String step, String outcome, String detail, Instant at) {
    }
}
