package app.oo.sagas.timing;

import app.oo.domain.features.PersonFeatures;
import app.oo.domain.timing.TimingPreferences;
import app.oo.domain.timing.TimingTrigger;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Whether a due moment brings the person a tip now. Pure: everything it weighs comes in as
 * arguments, the clock included. The checks run in a fixed order and the first that fails is the
 * reason: no consent, trigger disabled, moment passed, quiet hours, daily cap reached, too soon
 * after the last tip. A busy-block or overdue moment that falls in the quiet hours is looked at
 * again when they end; a morning moment is not (the next morning comes anyway).
 */
public final class TimingPolicy {

    public static final String NO_CONSENT = "no consent";
    public static final String TRIGGER_DISABLED = "trigger disabled";
    public static final String MOMENT_PASSED = "moment passed";
    public static final String QUIET_HOURS = "quiet hours";
    public static final String DAILY_CAP = "daily cap reached";
    public static final String TOO_SOON = "too soon after the last tip";
    /** The feature view's hours-since stop growing at four weeks; at the cap there was no tip worth counting. */
    private static final double HOURS_SINCE_CAP = 24.0 * 28;

    private final Duration staleAfter;

    /** @param staleAfter a moment due longer ago than this (the app was down, a replay) is dropped, not fired late */
    public TimingPolicy(Duration staleAfter) {
        this.staleAfter = Objects.requireNonNull(staleAfter, "staleAfter");
    }

    /**
     * @param features       the feature view as of {@code now} (its {@code hoursSinceLastTip}), or null when unknown
     * @param tipsConsent    whether the person consents to tips
     * @param issuedToday    timed tips issued in the person's local day of {@code now}
     * @param lastTimedTipAt the last timed tip (the feature view may not have seen it yet), or null
     */
    public TimingDecision decide(Moment moment, TimingPreferences preferences, PersonFeatures features,
                                 boolean tipsConsent, int issuedToday, Instant lastTimedTipAt, Instant now) {
        if (!tipsConsent) {
            return TimingDecision.notNow(NO_CONSENT);
        }
        if (!preferences.isOn(moment.trigger())) {
            return TimingDecision.notNow(TRIGGER_DISABLED);
        }
        if (Duration.between(moment.dueAt(), now).compareTo(staleAfter) > 0) {
            return TimingDecision.notNow(MOMENT_PASSED);
        }
        if (preferences.isQuiet(now)) {
            return moment.trigger() == TimingTrigger.MORNING ? TimingDecision.notNow(QUIET_HOURS)
                    : TimingDecision.notNow(QUIET_HOURS, preferences.quietEndAfter(now));
        }
        if (issuedToday >= preferences.dailyCap()) {
            return TimingDecision.notNow(DAILY_CAP);
        }
        Instant lastTip = lastTipAt(features, lastTimedTipAt, now);
        if (lastTip != null && Duration.between(lastTip, now).compareTo(preferences.minGap()) < 0) {
            return TimingDecision.notNow(TOO_SOON);
        }
        return TimingDecision.issue(moment.trigger().wireName());
    }

    /** The reason a timed tip request carries, so the tip saga and the decision log can tell it from on-demand. */
    public static String requestReason(TimingTrigger trigger) {
        return "timed:" + trigger.wireName();
    }

    private static Instant lastTipAt(PersonFeatures features, Instant lastTimedTipAt, Instant now) {
        Instant fromFeatures = null;
        if (features != null && features.values().containsKey("hoursSinceLastTip")) {
            double hours = features.get("hoursSinceLastTip");
            if (hours < HOURS_SINCE_CAP) {
                fromFeatures = now.minusSeconds(Math.round(hours * 3600));
            }
        }
        if (fromFeatures == null) {
            return lastTimedTipAt;
        }
        return lastTimedTipAt == null || fromFeatures.isAfter(lastTimedTipAt) ? fromFeatures : lastTimedTipAt;
    }
}
