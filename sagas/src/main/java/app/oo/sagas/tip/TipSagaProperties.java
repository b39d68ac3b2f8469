package app.oo.sagas.tip;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the tip saga.
 *
 * @param deadline      how long the ranked path may take before the fallback tip is issued
 * @param maxCandidates how many candidates to ask ml/serving for
 */
@ConfigurationProperties("oo.tips")
public record TipSagaProperties(@DefaultValue("1500ms") Duration deadline, @DefaultValue("5") int maxCandidates) {
}
