package app.oo.domain.consent;

import java.time.Instant;
import java.util.List;

/** A person's consents, one entry per topic; a topic never decided on is not granted. */
public record ConsentsView(List<Entry> consents) {

    public ConsentsView {
        consents = List.copyOf(consents);
    }

    /** One topic: granted or not, and when, how and under which policy version that was decided. */
    public record Entry(ConsentTopic topic, boolean granted, String how, String policyVersion, Instant changedAt) {
    }
}
