package app.oo.sagas.ml;

import java.util.List;
import java.util.Map;

/** Ask for candidates; task titles are for this call only and never stored. */
public record GenerateRequest(String personKey, Map<String, Double> context, List<String> taskTitles,
                              int maxCandidates) {
}
