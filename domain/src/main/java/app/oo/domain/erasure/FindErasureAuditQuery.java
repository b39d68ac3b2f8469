package app.oo.domain.erasure;

import app.oo.domain.person.PersonId;

/** The evidence of a person's erasures, step by step; answers {@link ErasureAuditView}. */
public record FindErasureAuditQuery(PersonId personId) {
}
