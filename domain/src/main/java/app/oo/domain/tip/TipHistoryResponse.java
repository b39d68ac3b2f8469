package app.oo.domain.tip;

import java.util.List;

/** Answer to {@link FindTipHistoryQuery}: the person's tips, newest first. */
public record TipHistoryResponse(List<TipView> tips) {

    public TipHistoryResponse {
        tips = List.copyOf(tips);
    }
}
