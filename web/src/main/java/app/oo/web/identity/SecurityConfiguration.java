package app.oo.web.identity;

import app.oo.web.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Three chains besides the authorization server's: the API called with a bearer token (a stateless
 * JWT resource server), the same API called by the page in its session (CSRF applies), and the
 * pages (form sign-in).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** Requests that carry a bearer token: no cookies involved, so no CSRF to defend against. */
    static final RequestMatcher BEARER = request -> {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    };

    static final RequestMatcher API = new OrRequestMatcher(Stream.of("/api/**", "/recommend", "/admin/api/**")
            .<RequestMatcher>map(PathPatternRequestMatcher.withDefaults()::matcher).toList());

    /** Without a session cookie nothing authenticates the request by cookie: CSRF cannot apply. */
    static final RequestMatcher NO_SESSION = request -> request.getRequestedSessionId() == null;

    @Bean
    public PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** The page reads the token from this cookie and sends it back in {@code X-XSRF-TOKEN}. */
    @Bean
    public CsrfTokenRepository csrfTokens() {
        CookieCsrfTokenRepository repository = CookieCsrfTokenRepository.withHttpOnlyFalse();
        repository.setCookieCustomizer(c -> c.sameSite("Strict"));
        return repository;
    }

    /**
     * Calls with a bearer token: stateless. No session is read or created, no CSRF token (no
     * cookie authenticates them), no saved request, no logout, no anonymous principal — only what
     * a token-authenticated call needs, on the path every signal and tip request takes.
     */
    @Bean
    @Order(2)
    public SecurityFilterChain bearerApiChain(HttpSecurity http, JwtDecoder jwtDecoder, RateLimits rateLimits)
            throws Exception {
        apiRules(http.securityMatcher(new AndRequestMatcher(API, BEARER)), rateLimits)
                .oauth2ResourceServer(r -> r
                        .jwt(j -> j.decoder(jwtDecoder).jwtAuthenticationConverter(SecurityConfiguration::fromJwt))
                        .authenticationEntryPoint((req, res, e) -> unauthorized(res))
                        .accessDeniedHandler((req, res, e) -> forbidden(res)))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable);
        return http.build();
    }

    /** The same API called by the page in its signed-in session: CSRF applies (the session's cookie authenticates). */
    @Bean
    @Order(3)
    public SecurityFilterChain sessionApiChain(HttpSecurity http, CsrfTokenRepository csrfTokens,
                                              RateLimits rateLimits) throws Exception {
        apiRules(http.securityMatcher(API), rateLimits)
                .csrf(c -> c.csrfTokenRepository(csrfTokens)
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .ignoringRequestMatchers(NO_SESSION));
        return http.build();
    }

    /** Who may call which API, the problem+json answers to refusals, the headers and the per-person limits. */
    private static HttpSecurity apiRules(HttpSecurity http, RateLimits rateLimits) throws Exception {
        return http.authorizeHttpRequests(a -> a
                        .requestMatchers("/admin/api/projections/**", "/admin/api/simulations/**",
                                "/admin/api/policies/**", "/admin/api/timing/**").hasRole("analyst")
                        .requestMatchers("/admin/api/erasures/**").hasRole("compliance")
                        .anyRequest().hasRole("person"))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> unauthorized(res))
                        .accessDeniedHandler((req, res, ex) -> forbidden(res)))
                .headers(SecurityConfiguration::strictHeaders)
                .addFilterAfter(rateLimits, AuthorizationFilter.class);
    }

    /** One limiter for both API chains: a person's budget is theirs whichever way they call. */
    @Bean
    public RateLimits rateLimits(RateLimitProperties limits, Clock clock) {
        return new RateLimits(new RateLimits.Limit(limits.recommendPerSecond(), limits.recommendBurst()),
                new RateLimits.Limit(limits.signalsPerSecond(), limits.signalsBurst()), clock);
    }

    /** The limiter runs inside the API chains only, not also as a servlet filter of its own. */
    @Bean
    public FilterRegistrationBean<RateLimits> rateLimitsOnlyInTheChains(RateLimits rateLimits) {
        FilterRegistrationBean<RateLimits> registration = new FilterRegistrationBean<>(rateLimits);
        registration.setEnabled(false);
        return registration;
    }

    /**
     * No Spring Security observations: they wrapped every filter, authentication and authorization
     * of every request in an observation (a fifth of the CPU of serving a current tip, docs/benchmarks.md);
     * turned off through the registry ({@code management.observations.enable.spring.security}) they
     * were no-ops but still wrapped every filter. HTTP server observations (request metrics) stay.
     */
    @Bean
    static SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @Order(4)
    public SecurityFilterChain pageChain(HttpSecurity http, CsrfTokenRepository csrfTokens,
                                        ObjectProvider<ClientRegistrationRepository> providers,
                                        FederatedSignIn federated) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/signup", "/error", "/favicon.ico", "/assets/**",
                                "/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/actuator/**").hasRole("analyst")
                        .requestMatchers("/admin", "/admin/**", "/admin.html").hasRole("analyst")
                        .requestMatchers("/compliance", "/compliance/**", "/compliance.html").hasRole("compliance")
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false))
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"))
                .csrf(c -> c.csrfTokenRepository(csrfTokens)
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler()))
                .headers(SecurityConfiguration::strictHeaders)
                .addFilterAfter(new CsrfCookieFilter(), CsrfFilter.class);
        // "Sign in with <provider>" only when spring.security.oauth2.client.registration.* configures one
        if (providers.getIfAvailable() != null) {
            http.oauth2Login(o -> o.loginPage("/login")
                    .userInfoEndpoint(u -> u.oidcUserService(federated.userService()))
                    .successHandler(federated.successHandler())
                    .failureUrl("/login?error=provider"));
        }
        return http.build();
    }

    /**
     * A strict CSP (only oO's own scripts and styles, no inline code, no framing), no referrer
     * leaving the site, no powerful browser features.
     */
    static void strictHeaders(HeadersConfigurer<HttpSecurity> headers) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; script-src 'self'; "
                        + "style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; "
                        + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"))
                .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
                .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy",
                        "camera=(), microphone=(), geolocation=(), payment=(), usb=()"))
                .addHeaderWriter(new StaticHeadersWriter("Cross-Origin-Opener-Policy", "same-origin"));
    }

    static AbstractAuthenticationToken fromJwt(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList(AuthorizationServerConfiguration.ROLES_CLAIM);
        Collection<GrantedAuthority> authorities = roles == null ? List.of()
                : roles.stream().<GrantedAuthority>map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList();
        return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
    }

    private static void unauthorized(HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        Problems.write(response, HttpStatus.UNAUTHORIZED, "Sign-in required",
                "send a bearer token (infra/dev/token) or sign in on the page", null);
    }

    private static void forbidden(HttpServletResponse response) throws IOException {
        Problems.write(response, HttpStatus.FORBIDDEN, "Not allowed",
                "this account's role does not allow this request", null);
    }

    /** Makes the deferred CSRF token load, so its cookie reaches the page on its first response. */
    static final class CsrfCookieFilter extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
            if (token != null) {
                token.getToken();
            }
            chain.doFilter(request, response);
        }
    }

}
