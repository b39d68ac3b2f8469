package app.oo.domain.signal;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Set;

/** Where and on what the person is: time zone, a coarse place class and the device kind. */
public record ContextPayload(String timeZone, String place, String device) implements SignalPayload {

    public static final Set<String> PLACES = Set.of("home", "work", "other");
    public static final Set<String> DEVICES = Set.of("phone", "desktop", "tablet", "watch", "other");

    public ContextPayload {
        Checks.required("payload.timeZone", timeZone);
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new InvalidSignalException("payload.timeZone", "unknown time zone '" + timeZone + "'");
        }
        Checks.oneOf("payload.place", place, PLACES);
        Checks.oneOf("payload.device", device, DEVICES);
    }

    @Override
    public SignalSource source() {
        return SignalSource.CONTEXT;
    }
}
