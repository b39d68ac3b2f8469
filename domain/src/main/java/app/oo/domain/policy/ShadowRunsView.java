package app.oo.domain.policy;

import java.util.List;

/** The shadow runs of the live decision log, newest first. */
public record ShadowRunsView(List<ShadowRunStats> runs) {

    public ShadowRunsView {
        runs = runs == null ? List.of() : List.copyOf(runs);
    }
}
