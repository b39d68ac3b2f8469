package app.oo.domain.tip;

/** No tip with that id belongs to the person asking; the same answer whether it exists or not. */
public class TipNotFoundException extends IllegalArgumentException {

    public TipNotFoundException(TipId tipId) {
        super("no tip " + tipId + " for this person");
    }
}
