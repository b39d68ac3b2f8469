package app.oo.domain.policy;

import java.util.List;

/**
 * The promotion gate refused: {@code check} names the first rule that failed and {@code detail}
 * its numbers; {@code failed} lists every failed gate check of the simulation's verdict.
 */
public class PromotionRefusedException extends IllegalStateException {

    private final String check;
    private final String detail;
    private final List<GateCheck> failed;

    public PromotionRefusedException(String check, String detail, List<GateCheck> failed) {
        super("promotion refused by " + check + ": " + detail);
        this.check = check;
        this.detail = detail;
        this.failed = failed == null ? List.of() : List.copyOf(failed);
    }

    public PromotionRefusedException(String check, String detail) {
        this(check, detail, List.of(new GateCheck(check, false, detail)));
    }

    public String check() {
        return check;
    }

    public String detail() {
        return detail;
    }

    public List<GateCheck> failed() {
        return failed;
    }
}
