package app.oo.web.simulation;

import java.time.Instant;

/**
 * One run of ml/pipelines as the console shows it, and as {@code run.json} keeps it beside the
 * report.
 *
 * @param startedBy the analyst's account
 * @param exitCode  the process's exit code once it ended; null before
 * @param error     why it failed, from ml/pipelines' own message when it gave one
 */
public record SimulationRun(String id, SimulationStatus status, SimulationRequest request, String startedBy,
                            Instant createdAt, Instant startedAt, Instant finishedAt, Integer exitCode, String error,
                            SimulationProgress progress) {

    public SimulationRun {
        progress = progress == null ? SimulationProgress.NONE : progress;
    }

    SimulationRun running(Instant at) {
        return new SimulationRun(id, SimulationStatus.RUNNING, request, startedBy, createdAt, at, null, null, null,
                progress);
    }

    SimulationRun withProgress(SimulationProgress next) {
        return new SimulationRun(id, status, request, startedBy, createdAt, startedAt, finishedAt, exitCode, error,
                next);
    }

    SimulationRun ended(SimulationStatus end, Instant at, Integer code, String why) {
        return new SimulationRun(id, end, request, startedBy, createdAt, startedAt, at, code, why, progress);
    }
}
