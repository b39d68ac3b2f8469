package app.oo.domain.signal;

import app.oo.domain.privacy.PersonalData;

/** A mood check-in: a score from 1 (low) to 5 (high) and an optional short note. */
public record MoodPayload(Integer score, @PersonalData String note) implements SignalPayload {

    public MoodPayload {
        Checks.required("payload.score", score);
        Checks.range("payload.score", score, 1, 5);
        Checks.maxLength("payload.note", note, 280);
    }

    @Override
    public SignalSource source() {
        return SignalSource.MOOD;
    }
}
