package app.oo.command.person;

import app.oo.domain.signal.SignalId;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The client ids of a person's most recent signals, so that a retried signal is recorded once.
 * Bounded: a client retries within minutes, not after ten thousand further signals.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class RecentClientIds {

    static final int CAPACITY = 10_000;

    private LinkedHashMap<String, SignalId> ids = new LinkedHashMap<>();

    SignalId find(String clientId) {
        return clientId == null ? null : ids.get(clientId);
    }

    void remember(String clientId, SignalId signalId) {
        if (clientId == null) {
            return;
        }
        ids.put(clientId, signalId);
        if (ids.size() > CAPACITY) {
            String eldest = ids.keySet().iterator().next();
            ids.remove(eldest);
        }
    }

    int size() {
        return ids.size();
    }

    Map<String, SignalId> view() {
        return Map.copyOf(ids);
    }
}
