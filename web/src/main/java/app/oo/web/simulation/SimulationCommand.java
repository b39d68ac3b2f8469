package app.oo.web.simulation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of one run: {@code python3 -m pipelines.simulate --dsn … --schema … --out …}. */
final class SimulationCommand {

    private SimulationCommand() {
    }

    static List<String> of(String nice, int niceness, String python, String dsn, SimulationRequest request,
                           Path out) {
        List<String> command = new ArrayList<>();
        if (nice != null && niceness > 0) {
            command.addAll(List.of(nice, "-n", String.valueOf(niceness)));
        }
        command.addAll(List.of(python, "-m", "pipelines.simulate", "--dsn", dsn, "--schema", request.schema()));
        for (String spec : request.policies()) {
            command.addAll(List.of("--policy", spec));
        }
        request.shadowMatch().forEach((spec, shadow) -> command.addAll(List.of("--shadow-match", spec + "=" + shadow)));
        request.gate().forEach((name, value) -> command.addAll(List.of("--gate", name + "=" + value)));
        if (request.resamples() != null) {
            command.addAll(List.of("--resamples", String.valueOf(request.resamples())));
        }
        if (request.seed() != null) {
            command.addAll(List.of("--seed", String.valueOf(request.seed())));
        }
        command.addAll(List.of("--out", out.toAbsolutePath().toString()));
        return command;
    }
}
