package app.oo.domain.tip;

import java.time.Instant;

/** A reaction to a tip whose lifetime ran out is refused. */
public class TipExpiredException extends IllegalStateException {

    public TipExpiredException(TipId tipId, Instant expiredAt, Reaction attempted) {
        super("tip " + tipId + " expired at " + expiredAt + "; '" + attempted.wireName() + "' is refused");
    }
}
