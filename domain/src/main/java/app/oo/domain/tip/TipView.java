package app.oo.domain.tip;

import java.time.Instant;

/** A tip as the page shows it. {@code reaction} is null while the person has not reacted. */
public record TipView(TipId id, String text, TipKind kind, String category, Instant issuedAt, String policy,
                      Reaction reaction) {
}
