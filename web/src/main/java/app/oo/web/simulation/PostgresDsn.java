package app.oo.web.simulation;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The app's JDBC connection as a libpq URI for ml/pipelines (psycopg2). The password never goes
 * into the URI, which lands in process listings and error messages: it travels in
 * {@code PGPASSWORD}.
 *
 * @param uri      e.g. {@code postgresql://postgres@localhost:5432/postgres?application_name=oo-simulation}
 * @param password null when the connection has none
 */
record PostgresDsn(String uri, String password) {

    private static final String PREFIX = "jdbc:postgresql:";
    // JDBC parameters with the same meaning in libpq; everything else stays with the JDBC driver.
    private static final Map<String, String> CARRIED = Map.of("sslmode", "sslmode", "sslrootcert", "sslrootcert",
            "connectTimeout", "connect_timeout", "options", "options");

    static PostgresDsn fromJdbc(String jdbcUrl, String username, String password) {
        if (jdbcUrl == null || !jdbcUrl.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + redacted(jdbcUrl));
        }
        String rest = jdbcUrl.substring(PREFIX.length());
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String hosts = "localhost";
        String database = rest;
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            hosts = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
            database = slash < 0 ? "" : rest.substring(slash + 1);
            if (hosts.isEmpty()) {
                hosts = "localhost";
            }
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
        }
        String user = username != null && !username.isBlank() ? username : params.get("user");
        String secret = password != null && !password.isEmpty() ? password : params.get("password");
        Map<String, String> carried = new LinkedHashMap<>();
        params.forEach((key, value) -> {
            if (CARRIED.containsKey(key)) {
                carried.put(CARRIED.get(key), value);
            }
        });
        carried.put("application_name", "oo-simulation");
        String uri = "postgresql://" + (user == null ? "" : encode(user) + "@") + hosts + "/"
                + encode(database.isEmpty() ? (user == null ? "postgres" : user) : decode(database)) + "?"
                + carried.entrySet().stream().map(e -> e.getKey() + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return new PostgresDsn(uri, secret);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String redacted(String url) {
        return url == null ? "null" : url.replaceAll("(?i)password=[^&]*", "password=***");
    }

    @Override
    public String toString() {
        return "PostgresDsn[" + uri + "]";
    }
}
