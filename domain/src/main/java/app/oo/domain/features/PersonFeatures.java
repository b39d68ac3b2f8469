package app.oo.domain.features;

import app.oo.domain.person.PersonId;
import java.time.Instant;
import java.util.Map;

/**
 * The numbers the recommender sees for a person, named as in docs/api/ml-serving.yaml
 * ({@code signalsTasks7d}, {@code tasksOverdue}, {@code localHour}, …). Never raw content.
 */
public record PersonFeatures(PersonId personId, Map<String, Double> values, Instant asOf) {

    public PersonFeatures {
        values = Map.copyOf(values);
    }

    public double get(String name) {
        return values.getOrDefault(name, 0.0);
    }
}
