package app.oo.sagas.ml;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Ask the policy to choose among candidates; {@code allowNotNow} lets it answer "not now". */
public record RankRequest(UUID decisionId, String personKey, Map<String, Double> context,
                          List<Candidate> candidates, boolean allowNotNow) {
}
