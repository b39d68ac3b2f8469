package app.oo.sagas.timing;

import java.time.Instant;

/**
 * The policy's answer for one moment.
 *
 * @param reason  the trigger's name when issued; why not otherwise ({@code quiet hours}, …)
 * @param retryAt when the same moment should be looked at again, or null when it is spent
 */
public record TimingDecision(Outcome outcome, String reason, Instant retryAt) {

    /** Issue a tip now, or not now. */
    public enum Outcome {
        ISSUE("issue"), NOT_NOW("not-now");

        private final String wireName;

        Outcome(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public static TimingDecision issue(String reason) {
        return new TimingDecision(Outcome.ISSUE, reason, null);
    }

    public static TimingDecision notNow(String reason) {
        return new TimingDecision(Outcome.NOT_NOW, reason, null);
    }

    public static TimingDecision notNow(String reason, Instant retryAt) {
        return new TimingDecision(Outcome.NOT_NOW, reason, retryAt);
    }

    public boolean issues() {
        return outcome == Outcome.ISSUE;
    }

    @Override
    public String toString() {
        return (issues() ? "issue: " : "not now: ") + reason + (retryAt == null ? "" : " (again at " + retryAt + ")");
    }
}
