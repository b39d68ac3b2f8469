package app.oo.domain.consent;

import app.oo.domain.person.PersonId;
import app.oo.domain.privacy.DataSubject;
import java.time.Instant;

/** Consent revoked: when, how and under which policy version, so an audit can reconstruct it. */
public record ConsentRevokedEvent(@DataSubject PersonId personId, ConsentTopic topic, String how,
                                  String policyVersion, Instant at) {
}
