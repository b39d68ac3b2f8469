package app.oo.domain.timing;

import java.util.List;

/** Answer to {@link FindTimingDecisionsQuery}: decisions, newest first. */
public record TimingDecisionsView(List<TimingDecisionEntry> decisions) {

    public TimingDecisionsView {
        decisions = List.copyOf(decisions);
    }
}
