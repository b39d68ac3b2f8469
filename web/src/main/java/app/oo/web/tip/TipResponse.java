package app.oo.web.tip;

import app.oo.domain.tip.TipView;
import java.time.Instant;

/** {@code {"tip": {...}}}: the wire shape of POST /recommend (docs/api/openapi.yaml). */
public record TipResponse(Tip tip) {

    /** The tip as the page and clients see it. */
    public record Tip(String id, String text, String kind, String category, Instant issuedAt, String policy) {
    }

    static TipResponse of(TipView view) {
        return new TipResponse(new Tip(view.id().toString(), view.text(), view.kind().wireName(), view.category(),
                view.issuedAt(), view.policy()));
    }
}
