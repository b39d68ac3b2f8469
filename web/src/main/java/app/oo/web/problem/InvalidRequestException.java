package app.oo.web.problem;

import app.oo.domain.InvalidFieldException;

/** Bad input outside the domain's own rules (a path variable, a query parameter); names its field. */
public class InvalidRequestException extends InvalidFieldException {

    public InvalidRequestException(String field, String reason) {
        super(field, reason);
    }
}
