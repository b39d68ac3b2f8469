package app.oo.web.simulation;

import java.util.ArrayList;
import java.util.List;

/**
 * How far a run is, from ml/pipelines' progress lines: the stage now, its done/total, rate and
 * ETA, and the stages already finished. The stages vary with the policies asked for, so there
 * is no overall percentage; each stage has its own.
 *
 * @param stage         the stage now (e.g. {@code bootstrap}); null before the first line
 * @param total         null when the stage does not know its total
 * @param percent       of the stage, 0 to 100; null without a total
 * @param ratePerSecond units of the stage per second
 * @param etaSeconds    to the end of the stage; null when unknown
 */
public record SimulationProgress(String stage, long done, Long total, Double percent, Double ratePerSecond,
                                 Long etaSeconds, List<String> stagesDone) {

    public static final SimulationProgress NONE = new SimulationProgress(null, 0, null, null, null, null, List.of());

    public SimulationProgress {
        stagesDone = stagesDone == null ? List.of() : List.copyOf(stagesDone);
    }

    /** This progress after one more line; unchanged when the line is not a progress line. */
    public SimulationProgress after(String line) {
        return ProgressLine.parse(line).map(this::after).orElse(this);
    }

    SimulationProgress after(ProgressLine line) {
        List<String> finished = new ArrayList<>(stagesDone);
        if (line.finished()) {
            finished.add(line.stage());
        }
        Double percent = line.total() == null || line.total() == 0 ? null
                : Math.min(100.0, 100.0 * line.done() / line.total());
        return new SimulationProgress(line.stage(), line.done(), line.total(), percent, line.ratePerSecond(),
                line.finished() ? Long.valueOf(0) : line.etaSeconds(), finished);
    }
}
