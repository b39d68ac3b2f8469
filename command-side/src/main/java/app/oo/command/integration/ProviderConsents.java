package app.oo.command.integration;

import app.oo.domain.consent.ConsentTopic;
import java.util.Map;

/** Which consent a provider needs before it may be connected: Todoist brings tasks, so it needs {@code tasks}. */
final class ProviderConsents {

    static final Map<String, ConsentTopic> REQUIRED = Map.of("todoist", ConsentTopic.TASKS);

    private ProviderConsents() {
    }

    static ConsentTopic requiredFor(String provider) {
        ConsentTopic topic = REQUIRED.get(provider);
        if (topic == null) {
            throw new IllegalArgumentException("unknown provider '" + provider + "'; known are " + REQUIRED.keySet());
        }
        return topic;
    }
}
