package app.oo.domain.tip;

/** Answer to {@link FindCurrentTipQuery}; {@code current} is null when the person has no open tip. */
public record TipFeedResponse(TipView current) {

    public static TipFeedResponse none() {
        return new TipFeedResponse(null);
    }
}
