package app.oo.command.integration;

import java.time.Instant;
import java.util.Objects;

/**
 * A provider's OAuth tokens as the vault keeps them.
 *
 * @param refreshToken optional
 * @param expiresAt    optional: when the access token stops working
 */
public record ProviderToken(String accessToken, String refreshToken, Instant expiresAt) {

    public ProviderToken {
        Objects.requireNonNull(accessToken, "accessToken");
        if (accessToken.isBlank()) {
            throw new IllegalArgumentException("an access token is not blank");
        }
    }

    /** Never the tokens: a record prints every component otherwise, and records end up in logs. */
    @Override
    public String toString() {
        return "ProviderToken[accessToken=(secret), refreshToken=" + (refreshToken == null ? "none" : "(secret)")
                + ", expiresAt=" + expiresAt + "]";
    }
}
