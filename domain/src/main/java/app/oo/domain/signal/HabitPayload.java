package app.oo.domain.signal;

import app.oo.domain.privacy.PersonalData;

/** A habit check-in: which habit (personal) and the streak it is on. */
public record HabitPayload(@PersonalData String habit, Integer streak) implements SignalPayload {

    public HabitPayload {
        Checks.required("payload.habit", habit);
        Checks.maxLength("payload.habit", habit, 80);
        Checks.required("payload.streak", streak);
        Checks.range("payload.streak", streak, 0, 100_000);
    }

    @Override
    public SignalSource source() {
        return SignalSource.HABITS;
    }
}
