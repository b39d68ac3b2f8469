package app.oo.command.privacy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param masterKey   base64 of 32 random bytes ({@code OO_CRYPTO_MASTER_KEY}); wraps every data key
 * @param keyCacheTtl how long a node may keep using a data key it has cached: the bound on how long a
 *                    shred takes to reach the other nodes
 * @param keyCacheSize how many data keys a node keeps unwrapped in memory
 */
@ConfigurationProperties("oo.crypto")
public record CryptoProperties(String masterKey, @DefaultValue("5m") Duration keyCacheTtl,
                               @DefaultValue("100000") int keyCacheSize) {

    /** The master key stays out of logs and actuator output. */
    @Override
    public String toString() {
        return "CryptoProperties[masterKey=(secret), keyCacheTtl=" + keyCacheTtl + ", keyCacheSize=" + keyCacheSize + "]";
    }
}
