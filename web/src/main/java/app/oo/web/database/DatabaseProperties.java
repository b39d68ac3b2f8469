package app.oo.web.database;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which PostgreSQL to use.
 *
 * @param url      JDBC URL of an existing server ({@code OO_DATABASE_URL}); blank: the embedded PostgreSQL
 * @param username user for {@code url}
 * @param password password for {@code url}; never logged
 * @param poolSize connections in the pool
 */
@ConfigurationProperties("oo.database")
public record DatabaseProperties(String url, @DefaultValue("postgres") String username, String password,
                                 @DefaultValue("16") int poolSize) {

    public boolean embedded() {
        return url == null || url.isBlank();
    }
}
