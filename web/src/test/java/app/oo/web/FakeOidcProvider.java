package app.oo.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * An upstream OIDC provider for the tests ("Sign in with Test ID"): discovery document, JWKS,
 * authorization and token endpoints, RS256-signed id tokens. Its authorization endpoint signs in
 * whoever the test names in the extra query parameter {@code login_as} (or, for a real browser,
 * through {@link #signInNextAs}), as a person choosing an account at the provider would. Started once, before the shared Spring context, which discovers
 * it through {@code spring.security.oauth2.client.provider.test-id.issuer-uri} in application-test.yml.
 */
public final class FakeOidcProvider {

    public static final String CLIENT_ID = "oo-test-client";
    public static final String ISSUER_PROPERTY = "oo.test.oidc-issuer";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static FakeOidcProvider shared;

    private final MockWebServer server = new MockWebServer();
    private final RSAKey key;
    private final String issuer;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private volatile String nextSubject;

    private record Grant(String subject, String nonce, String redirectUri) {
    }

    private FakeOidcProvider() {
        try {
            key = new RSAKeyGenerator(2048).keyID("fake-" + UUID.randomUUID()).generate();
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return answer(request);
                }
            });
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        issuer = "http://127.0.0.1:" + server.getPort();
    }

    /** The one provider of the test run, started on first use. */
    public static synchronized FakeOidcProvider shared() {
        if (shared == null) {
            shared = new FakeOidcProvider();
            System.setProperty(ISSUER_PROPERTY, shared.issuer);
        }
        return shared;
    }

    public String issuer() {
        return issuer;
    }

    /** Who signs in at the provider when a real browser, which adds no {@code login_as}, comes by. */
    public void signInNextAs(String subject) {
        nextSubject = subject;
    }

    private MockResponse answer(RecordedRequest request) {
        HttpUrl url = request.getRequestUrl();
        String path = url == null ? "" : url.encodedPath();
        try {
            return switch (path) {
                case "/.well-known/openid-configuration" -> json(Map.of(
                        "issuer", issuer,
                        "authorization_endpoint", issuer + "/authorize",
                        "token_endpoint", issuer + "/token",
                        "jwks_uri", issuer + "/jwks",
                        "response_types_supported", List.of("code"),
                        "subject_types_supported", List.of("public"),
                        "id_token_signing_alg_values_supported", List.of("RS256"),
                        "scopes_supported", List.of("openid", "profile"),
                        "token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post")));
                case "/jwks" -> new MockResponse().setHeader("Content-Type", "application/json")
                        .setBody(new JWKSet(key.toPublicJWK()).toString());
                case "/authorize" -> authorize(url);
                case "/token" -> token(form(request.getBody().readUtf8()));
                default -> new MockResponse().setResponseCode(404);
            };
        } catch (JOSEException | IOException e) {
            return new MockResponse().setResponseCode(500).setBody(e.toString());
        }
    }

    private MockResponse authorize(HttpUrl url) {
        String subject = url.queryParameter("login_as") != null ? url.queryParameter("login_as") : nextSubject;
        String redirectUri = url.queryParameter("redirect_uri");
        if (subject == null || redirectUri == null || !CLIENT_ID.equals(url.queryParameter("client_id"))
                || !"code".equals(url.queryParameter("response_type"))) {
            return new MockResponse().setResponseCode(400).setBody("bad authorization request");
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(subject, url.queryParameter("nonce"), redirectUri));
        HttpUrl back = HttpUrl.get(redirectUri).newBuilder().addQueryParameter("code", code)
                .addQueryParameter("state", url.queryParameter("state")).build();
        return new MockResponse().setResponseCode(302).setHeader("Location", back.toString());
    }

    private MockResponse token(Map<String, String> form) throws JOSEException, IOException {
        Grant grant = form.get("code") == null ? null : codes.remove(form.get("code"));
        if (!"authorization_code".equals(form.get("grant_type")) || grant == null
                || !grant.redirectUri().equals(form.get("redirect_uri"))) {
            return new MockResponse().setResponseCode(400).setHeader("Content-Type", "application/json")
                    .setBody("{\"error\":\"invalid_grant\"}");
        }
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).subject(grant.subject())
                .audience(CLIENT_ID).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("name", "Test " + grant.subject());
        if (grant.nonce() != null) {
            claims.claim("nonce", grant.nonce());
        }
        SignedJWT idToken = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims.build());
        idToken.sign(new RSASSASigner(key));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", "upstream-" + UUID.randomUUID());
        body.put("token_type", "Bearer");
        body.put("expires_in", 300);
        body.put("scope", "openid profile");
        body.put("id_token", idToken.serialize());
        return json(body);
    }

    private static MockResponse json(Object body) throws IOException {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(JSON.writeValueAsString(body));
    }

    private static Map<String, String> form(String body) {
        return Arrays.stream(body.split("&")).filter(p -> p.contains("="))
                .collect(Collectors.toMap(p -> URLDecoder.decode(p.substring(0, p.indexOf('=')), StandardCharsets.UTF_8),
                        p -> URLDecoder.decode(p.substring(p.indexOf('=') + 1), StandardCharsets.UTF_8), (a, b) -> b));
    }
}
