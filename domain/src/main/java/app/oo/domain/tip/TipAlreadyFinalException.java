package app.oo.domain.tip;

/** A tip takes one final reaction; a second one is refused. */
public class TipAlreadyFinalException extends IllegalStateException {

    public TipAlreadyFinalException(TipId tipId, Reaction existing, Reaction attempted) {
        super("tip " + tipId + " already has the final reaction '" + existing.wireName()
                + "'; '" + attempted.wireName() + "' is refused");
    }
}
