package app.oo.web.erasure;

import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of erasure in the deployable.
 *
 * @param providers  the providers an integration may exist for (looked up in the event store on erasure)
 * @param keepTables tables with a {@code person_id} column the view purge never touches: identity,
 *                   key tombstones, the vault (its own step), the erasure evidence itself, and the views'
 *                   tombstones of erased persons (they keep late events and rebuilds from bringing them back)
 */
@ConfigurationProperties("oo.erasure.web")
public record ErasureProperties(@DefaultValue("todoist") List<String> providers,
                                @DefaultValue({"account", "data_key", "token_vault", "erasure_audit", "erased_person"})
                                Set<String> keepTables) {
}
