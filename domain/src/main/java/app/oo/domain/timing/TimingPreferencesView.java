package app.oo.domain.timing;

import java.time.Instant;

/**
 * The preferences in effect for a person.
 *
 * @param custom whether the person set them; when not, the defaults in the zone of their latest context signal (or UTC)
 * @param setAt  when the person last set them, null when never
 */
public record TimingPreferencesView(TimingPreferences preferences, boolean custom, Instant setAt) {
}
