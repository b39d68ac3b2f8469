package app.oo.web.identity;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2AccessTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * oO's own OIDC provider (Spring Authorization Server): discovery, JWKS, authorization code with
 * PKCE, clients and authorizations in PostgreSQL, a signing key that survives restarts. Access
 * tokens carry the person id ({@code pid}) and the roles.
 */
@Configuration(proxyBeanMethods = false)
public class AuthorizationServerConfiguration {

    public static final String CLI_CLIENT_ID = "oo-cli";
    public static final String API_SCOPE = "api";
    public static final String PERSON_CLAIM = "pid";
    public static final String ROLES_CLAIM = "roles";

    @Bean
    @Order(1)
    public SecurityFilterChain authorizationServerChain(HttpSecurity http, RegisteredClientRepository clients,
                                                        OAuth2TokenGenerator<?> tokenGenerator) throws Exception {
        OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
        http.securityMatcher(server.getEndpointsMatcher())
                .with(server, s -> s.oidc(Customizer.withDefaults())
                        .tokenGenerator(tokenGenerator)
                        .clientAuthentication(c -> c.authenticationConverter(new PublicClientRefresh.Converter())
                                .authenticationProvider(new PublicClientRefresh.Provider(clients))))
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
                .oauth2ResourceServer(r -> r.jwt(Customizer.withDefaults()));
        return http.build();
    }

    @Bean
    public RegisteredClientRepository registeredClients(JdbcTemplate jdbc, IdentityProperties props) {
        JdbcRegisteredClientRepository repository = new JdbcRegisteredClientRepository(jdbc);
        RegisteredClient existing = repository.findByClientId(CLI_CLIENT_ID);
        RegisteredClient cli = RegisteredClient.withId(existing != null ? existing.getId() : UUID.randomUUID().toString())
                .clientId(CLI_CLIENT_ID)
                .clientName("oO command line and scripts")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUri(props.cliRedirectUri())
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .scope(API_SCOPE)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(props.accessTokenTtl())
                        .refreshTokenTimeToLive(props.refreshTokenTtl()).reuseRefreshTokens(false).build())
                .build();
        repository.save(cli);
        return repository;
    }

    @Bean
    public OAuth2AuthorizationService authorizations(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationService(jdbc, clients);
    }

    @Bean
    public OAuth2AuthorizationConsentService authorizationConsents(JdbcTemplate jdbc,
                                                                   RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
    }

    @Bean
    public JWKSource<SecurityContext> jwkSource(IdentityProperties props, @Value("${oo.data-dir}") Path dataDir,
                                                Environment environment) {
        Path file = props.signingKey() != null ? props.signingKey() : dataDir.resolve("auth/signing-key.json");
        RSAKey key = SigningKeys.load(file, environment.acceptsProfiles(Profiles.of("dev", "test")));
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    /**
     * Access and id tokens as JWTs with the person's claims; refresh tokens for every client
     * registered for the refresh grant, the public {@code oo-cli} included (ADR 0016).
     */
    @Bean
    public OAuth2TokenGenerator<?> tokenGenerator(JWKSource<SecurityContext> jwkSource,
                                                  OAuth2TokenCustomizer<JwtEncodingContext> personClaims) {
        JwtGenerator jwt = new JwtGenerator(new NimbusJwtEncoder(jwkSource));
        jwt.setJwtCustomizer(personClaims);
        return new DelegatingOAuth2TokenGenerator(jwt, new OAuth2AccessTokenGenerator(),
                new PublicClientRefresh.Tokens());
    }

    /** Signature checked once per token (see {@link VerifiedTokens}); expiry at every use. */
    @Bean
    public JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource, Clock clock) {
        return new VerifiedTokens(OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource), 100_000,
                Duration.ofMinutes(5), clock);
    }

    @Bean
    public AuthorizationServerSettings authorizationServerSettings(IdentityProperties props) {
        AuthorizationServerSettings.Builder builder = AuthorizationServerSettings.builder();
        if (props.issuer() != null && !props.issuer().isBlank()) {
            builder.issuer(props.issuer());
        }
        return builder.build();
    }

    /** Access tokens say which person they act for and with which roles. */
    @Bean
    public OAuth2TokenCustomizer<JwtEncodingContext> personClaims(AccountRepository accounts) {
        return context -> {
            if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                return;
            }
            accounts.find(context.getPrincipal().getName()).ifPresent(account -> {
                if (account.personId() != null) {
                    context.getClaims().claim(PERSON_CLAIM, account.personId().toString());
                }
                // An ArrayList: the claims are stored with the authorization, and read back on a refresh
                // only through Spring Security's allowlist of types, which has no List.of().
                context.getClaims().claim(ROLES_CLAIM, account.roles().stream().map(Role::wireName).sorted()
                        .collect(Collectors.toCollection(ArrayList::new)));
            });
        };
    }

}
