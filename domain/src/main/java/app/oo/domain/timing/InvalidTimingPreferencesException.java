package app.oo.domain.timing;

import app.oo.domain.InvalidFieldException;

/** Timing preferences outside their rules; names the field at fault and why. */
public class InvalidTimingPreferencesException extends InvalidFieldException {

    public InvalidTimingPreferencesException(String field, String reason) {
        super(field, reason);
    }
}
