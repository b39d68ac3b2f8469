package app.oo.domain.timing;

import app.oo.domain.person.PersonId;
import app.oo.domain.privacy.DataSubject;
import app.oo.domain.privacy.PersonalData;
import java.time.Instant;

/**
 * The person's timing preferences changed. They tell where the person lives (time zone) and when
 * they sleep (quiet hours): personal data, sealed with the person's key, gone with it on erasure.
 */
public record TimingPreferencesSetEvent(@DataSubject PersonId personId, @PersonalData TimingPreferences preferences,
                                        Instant at) {
}
