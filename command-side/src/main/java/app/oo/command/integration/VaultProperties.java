package app.oo.command.integration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param key base64 of 32 random bytes ({@code OO_VAULT_KEY}): seals every provider token */
@ConfigurationProperties("oo.vault")
public record VaultProperties(String key) {

    @Override
    public String toString() {
        return "VaultProperties[key=(secret)]";
    }
}
