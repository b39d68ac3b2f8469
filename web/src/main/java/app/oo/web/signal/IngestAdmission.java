package app.oo.web.signal;

import app.oo.query.features.PersonFeaturesProjection;
import app.oo.query.platform.ProjectionLag;
import app.oo.query.timing.TimingProjection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Load shedding for the integration path: a batch of signals is refused (503, Retry-After) while
 * a view the recommender reads on this node — the person features, the timing view — is behind by
 * more than {@code oo.ingest.max-view-lag}. Without it an integration pushing faster than the
 * projections keep up with only grows their lag (tens of seconds at saturation on two cores,
 * docs/benchmarks.md), and every tip is ranked on stale features and timed late. A person's own
 * single signals are always taken. Each node judges by its own processors' segments.
 */
@Component
public class IngestAdmission {

    static final List<String> VIEWS = List.of(PersonFeaturesProjection.GROUP, TimingProjection.GROUP);

    /** Batches refused, tagged by the view that was behind: operators see shedding, not only clients. */
    public static final String SHED_METRIC = "oo.ingest.shed";

    private final ProjectionLag lag;
    private final Duration maxViewLag;
    private final Map<String, Counter> shed;

    /** @param maxViewLag zero or less takes every batch */
    public IngestAdmission(ProjectionLag lag, @Value("${oo.ingest.max-view-lag}") Duration maxViewLag,
                           MeterRegistry meters) {
        this.lag = lag;
        this.maxViewLag = maxViewLag;
        this.shed = VIEWS.stream().collect(Collectors.toUnmodifiableMap(view -> view, view -> Counter.builder(SHED_METRIC)
                .description("batches of signals refused while the view was behind")
                .tag("view", view)
                .register(meters)));
    }

    /** @throws ViewsBehindException when a view is behind by more than the bound */
    public void admitBatch() {
        if (maxViewLag.isZero() || maxViewLag.isNegative()) {
            return;
        }
        for (String view : VIEWS) {
            Duration behind = lag.behind(view);
            if (behind.compareTo(maxViewLag) > 0) {
                shed.get(view).increment();
                throw new ViewsBehindException(view, behind, maxViewLag);
            }
        }
    }

    /** The batch was refused before anything was stored; the client retries after a second. */
    public static final class ViewsBehindException extends RuntimeException {
        private final String view;

        public ViewsBehindException(String view, Duration behind, Duration bound) {
            super("the " + view + " view is " + behind.toMillis() + " ms behind (more than " + bound.toMillis()
                    + " ms): nothing was stored; send the batch again after Retry-After");
            this.view = view;
        }

        public String view() {
            return view;
        }
    }
}
