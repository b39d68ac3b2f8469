package app.oo.domain.timing;

import java.time.Instant;
import java.util.UUID;

/**
 * One decision of the timing policy, as the {@code timing_decision} view keeps it.
 *
 * @param personKey the person's pseudonymous key (never their id)
 * @param trigger   the trigger's wire name
 * @param momentAt  when the moment was due
 * @param decidedAt when the policy decided
 * @param outcome   {@code issue} or {@code not-now}
 * @param reason    why, e.g. {@code quiet hours}
 * @param tipId     the requested tip when issued, else null
 */
public record TimingDecisionEntry(UUID decisionId, String personKey, String trigger, Instant momentAt,
                                  Instant decidedAt, String outcome, String reason, UUID tipId) {
}
