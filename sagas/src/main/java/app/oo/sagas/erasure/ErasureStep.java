package app.oo.sagas.erasure;

import app.oo.domain.erasure.ErasureStepRecordedEvent;
import java.util.Arrays;
import java.util.Optional;

/** The steps of an erasure, in the order they run. Each is idempotent, so a rerun or a replay is harmless. */
public enum ErasureStep {

    REVOKE_INTEGRATIONS(ErasureStepRecordedEvent.REVOKE_INTEGRATIONS),
    DELETE_VAULT_TOKENS(ErasureStepRecordedEvent.DELETE_VAULT_TOKENS),
    SHRED_DATA_KEY(ErasureStepRecordedEvent.SHRED_DATA_KEY),
    PURGE_VIEWS(ErasureStepRecordedEvent.PURGE_VIEWS);

    private final String wireName;

    ErasureStep(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static ErasureStep first() {
        return values()[0];
    }

    /** @return empty after the last step */
    public Optional<ErasureStep> next() {
        return ordinal() + 1 < values().length ? Optional.of(values()[ordinal() + 1]) : Optional.empty();
    }

    public static Optional<ErasureStep> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(wireName)).findFirst();
    }
}
