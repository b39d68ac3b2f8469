package app.oo.domain.policy;

import java.time.Instant;

/**
 * One shadow run beside one incumbent, from the live decision log.
 *
 * @param incumbent            the serving policy of these decisions
 * @param shadow               the shadow policy of these decisions
 * @param decisions            decisions where both ran
 * @param agreement            share of them where {@code shadow_chosen_id = chosen_id}
 * @param rewarded             decisions with a reaction
 * @param incumbentValue       the incumbent's mean reward on the rewarded decisions; null without any
 * @param shadowValue          the shadow's inverse-propensity value estimate on the same decisions
 *                             (reward × [shadow chose the served action] / propensity); null without any
 */
public record ShadowRunStats(PolicyRef incumbent, PolicyRef shadow, long decisions, double agreement, long rewarded,
                             Double incumbentValue, Double shadowValue, Instant firstDecidedAt,
                             Instant lastDecidedAt) {
}
