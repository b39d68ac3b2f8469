package app.oo.domain.signal;

import app.oo.domain.InvalidFieldException;

/** A signal that breaks its source's rules; {@link #field()} names the offending field. */
public class InvalidSignalException extends InvalidFieldException {

    public InvalidSignalException(String field, String message) {
        super(field, message);
    }
}
