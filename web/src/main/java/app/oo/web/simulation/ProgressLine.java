package app.oo.web.simulation;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One progress line of ml/pipelines ({@code pipelines/progress.py}, written when stderr is not a
 * terminal), e.g. {@code bootstrap       [############............] 512/1000  51.2% 2,054/s ETA 0:00:01}
 * or, at a stage's end, {@code ... 1000/1000 100.0% 2,053/s done in 0:00:00}.
 */
record ProgressLine(String stage, long done, Long total, double ratePerSecond, Long etaSeconds, boolean finished) {

    private static final Pattern LINE = Pattern.compile(
            "^(?<stage>\\S.*?)\\s+(?:\\[[#.]*]\\s+)?(?<done>\\d+)/(?<total>\\d+|\\?)(?:\\s+[\\d.]+%)?"
                    + "\\s+(?<rate>[\\d,]+(?:\\.\\d+)?)/s\\s+(?:ETA (?<eta>\\d+:\\d{2}:\\d{2}|\\?)|done in \\d+:\\d{2}:\\d{2})\\s*$");

    static Optional<ProgressLine> parse(String line) {
        if (line == null) {
            return Optional.empty();
        }
        Matcher m = LINE.matcher(line.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String total = m.group("total");
        String eta = m.group("eta");
        return Optional.of(new ProgressLine(m.group("stage").strip(), Long.parseLong(m.group("done")),
                "?".equals(total) ? null : Long.valueOf(total),
                Double.parseDouble(m.group("rate").replace(",", "")),
                eta == null || "?".equals(eta) ? null : seconds(eta), eta == null));
    }

    private static long seconds(String hms) {
        String[] parts = hms.split(":");
        return Long.parseLong(parts[0]) * 3600 + Long.parseLong(parts[1]) * 60 + Long.parseLong(parts[2]);
    }
}
