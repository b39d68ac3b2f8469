package app.oo.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An HTTP client of oO as a script or app would be: signs up on the dev authorization server,
 * gets an access token through authorization code + PKCE (what infra/dev/token does), and calls
 * the API with it.
 */
public final class OoClient {

    public static final String PASSWORD = "oo-test-password";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final String REDIRECT = "http://127.0.0.1:8765/callback";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;

    public OoClient(String base) {
        this.base = base;
    }

    /** A signed-in person: the access token and the calls made with it. */
    public record Person(String username, String token, OoClient client) {

        public Response post(String path, String json) {
            return client.send(HttpRequest.newBuilder(URI.create(client.base + path))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)));
        }

        public Response put(String path, String json) {
            return client.send(HttpRequest.newBuilder(URI.create(client.base + path))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(json)));
        }

        public Response get(String path) {
            return client.send(HttpRequest.newBuilder(URI.create(client.base + path))
                    .header("Authorization", "Bearer " + token).GET());
        }

        public Response delete(String path) {
            return client.send(HttpRequest.newBuilder(URI.create(client.base + path))
                    .header("Authorization", "Bearer " + token).DELETE());
        }
    }

    /** A response with its body parsed when it is JSON. */
    public record Response(int status, String contentType, String body, String location) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    public Person signUpAndSignIn(String username) {
        HttpClient browser = browser();
        String csrf = csrf(browser, "/signup");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", username);
        form.put("password", PASSWORD);
        form.put("_csrf", csrf);
        String consents = "&consent=tasks&consent=calendar&consent=mood&consent=habits&consent=context"
                + "&consent=tips&consent=offline-analysis";
        Response signedUp = sendWith(browser, HttpRequest.newBuilder(URI.create(base + "/signup"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form) + consents)));
        if (signedUp.status() != 303 && signedUp.status() != 409) {
            throw new IllegalStateException("sign-up answered " + signedUp.status() + ": " + signedUp.body());
        }
        return new Person(username, token(browser(), username), this);
    }

    /** An existing account (a dev staff account such as {@code compliance}) signed in with its own password. */
    public Person signIn(String username, String password) {
        return new Person(username, token(browser(), username, password), this);
    }

    /** Authorization code + PKCE against the app's own authorization server. */
    public String token(HttpClient browser, String username) {
        return token(browser, username, PASSWORD);
    }

    public String token(HttpClient browser, String username, String password) {
        return tokens(browser, username, password).path("access_token").asText();
    }

    /** The token endpoint's whole answer (access, refresh and id token) after a password sign-in. */
    public JsonNode tokens(HttpClient browser, String username, String password) {
        return authorize(browser, () -> {
            String csrf = csrf(browser, "/login");
            Response login = sendWith(browser, HttpRequest.newBuilder(URI.create(base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password,
                            "_csrf", csrf)))));
            String back = login.location();
            if (back == null || back.contains("error")) {
                throw new IllegalStateException("sign-in of " + username + " failed: " + login.status());
            }
            return back;
        });
    }

    /**
     * Authorization code + PKCE where the person signs in with the test's upstream provider
     * ({@link FakeOidcProvider}) as {@code subject} instead of a password.
     */
    public JsonNode tokensThroughProvider(HttpClient browser, String subject) {
        return authorize(browser, () -> {
            Response toProvider = sendWith(browser, HttpRequest.newBuilder(
                    URI.create(base + "/oauth2/authorization/test-id")).header("Accept", "text/html").GET());
            if (toProvider.location() == null) {
                throw new IllegalStateException("no redirect to the provider: " + toProvider.status());
            }
            Response atProvider = sendWith(browser, HttpRequest.newBuilder(URI.create(toProvider.location()
                    + "&login_as=" + enc(subject))).GET());
            if (atProvider.location() == null) {
                throw new IllegalStateException("the provider answered " + atProvider.status() + ": " + atProvider.body());
            }
            Response back = sendWith(browser, HttpRequest.newBuilder(URI.create(atProvider.location()))
                    .header("Accept", "text/html").GET());
            if (back.location() == null || back.location().contains("error")) {
                throw new IllegalStateException("the provider sign-in failed: " + back.status() + " " + back.location());
            }
            return back.location();
        });
    }

    /** {@code grant_type=refresh_token} as the public oo-cli client. */
    public Response refresh(String refreshToken) {
        return postForm("/oauth2/token", form(Map.of("grant_type", "refresh_token", "client_id", "oo-cli",
                "refresh_token", refreshToken)));
    }

    public Response postForm(String path, String form) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** A page request in a browser's session (cookies), as the pages make them. */
    public Response page(HttpClient browser, String path) {
        return sendWith(browser, HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").GET());
    }

    private JsonNode authorize(HttpClient browser, Supplier<String> signIn) {
        String verifier = randomUrlSafe(48);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier));
        String state = randomUrlSafe(16);
        String authorize = base + "/oauth2/authorize?response_type=code&client_id=oo-cli&scope=openid%20api"
                + "&redirect_uri=" + enc(REDIRECT) + "&code_challenge=" + challenge
                + "&code_challenge_method=S256&state=" + state;
        sendWith(browser, HttpRequest.newBuilder(URI.create(authorize)).header("Accept", "text/html").GET());
        String back = signIn.get();
        Response code = sendWith(browser, HttpRequest.newBuilder(URI.create(absolute(back)))
                .header("Accept", "text/html").GET());
        String location = code.location();
        Matcher m = Pattern.compile("[?&]code=([^&]+)").matcher(location == null ? "" : location);
        if (!m.find() || !location.contains("state=" + state)) {
            throw new IllegalStateException("no authorization code: " + code.status() + " " + location);
        }
        Response tokens = sendWith(browser, HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code",
                        "client_id", "oo-cli", "code", m.group(1), "redirect_uri", REDIRECT,
                        "code_verifier", verifier)))));
        if (tokens.status() != 200) {
            throw new IllegalStateException("token exchange answered " + tokens.status() + ": " + tokens.body());
        }
        return tokens.json();
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Response postJson(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response send(HttpRequest.Builder request) {
        return sendWith(browser(), request);
    }

    public HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A request with the given browser (its cookies: a signed-in page session). */
    public Response sendWith(HttpClient http, HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body(),
                    response.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String csrf(HttpClient browser, String path) {
        Response page = sendWith(browser, HttpRequest.newBuilder(URI.create(base + path)).GET());
        Matcher m = CSRF.matcher(page.body());
        if (!m.find()) {
            throw new IllegalStateException("no CSRF field on " + path + " (" + page.status() + ")");
        }
        return m.group(1);
    }

    private String absolute(String location) {
        return location.startsWith("http") ? location : base + location;
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String randomUrlSafe(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
