package app.oo.web.identity;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * "Sign in with &lt;provider&gt;" (ADR 0016): an upstream OIDC provider vouches for a person; oO finds
 * the local account linked to the provider's (issuer, subject), or creates it (no password) and
 * registers the person on the first sign-in. The session then holds the local account exactly as
 * after a password sign-in, so the authorization server issues its own tokens for it. A person new
 * to oO is sent to {@code /me} first to choose consents, unless a client's authorization request
 * is waiting.
 */
@Component
public class FederatedSignIn {

    private static final Logger log = LoggerFactory.getLogger(FederatedSignIn.class);

    private final AccountRepository accounts;
    private final SignUp signUp;
    private final OidcUserService upstream = new OidcUserService();
    private final SecurityContextRepository contexts = new DelegatingSecurityContextRepository(
            new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());
    private final SavedRequestAwareAuthenticationSuccessHandler next = new SavedRequestAwareAuthenticationSuccessHandler();
    private final RequestCache savedRequests = new HttpSessionRequestCache();

    /** Set on the request when this sign-in created the account: the person has not chosen consents yet. */
    static final String CREATED = FederatedSignIn.class.getName() + ".created";
    /** Where a new person chooses what oO may use, before any tip (a tip needs the {@code tips} consent). */
    static final String WELCOME = "/me?welcome";

    public FederatedSignIn(AccountRepository accounts, SignUp signUp) {
        this.accounts = accounts;
        this.signUp = signUp;
        next.setDefaultTargetUrl("/");
    }

    /** The local username of a provider's subject: the ':' keeps it apart from every sign-up name. */
    static String username(String registrationId, String issuer, String subject) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((issuer + "\n" + subject).getBytes(StandardCharsets.UTF_8));
            String prefix = registrationId.length() > 40 ? registrationId.substring(0, 40) : registrationId;
            return prefix + ":" + HexFormat.of().formatHex(digest, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Validates the id token upstream, then finds or creates the linked local account. */
    public OAuth2UserService<OidcUserRequest, OidcUser> userService() {
        return request -> {
            OidcUser user = upstream.loadUser(request);
            String registrationId = request.getClientRegistration().getRegistrationId();
            Account account = localAccount(registrationId, user);
            return new DefaultOidcUser(authorities(account), user.getIdToken(), user.getUserInfo(),
                    IdTokenClaimNames.SUB);
        };
    }

    /** Replaces the provider's authentication in the session by the local account's, then goes on. */
    public AuthenticationSuccessHandler successHandler() {
        return this::signedIn;
    }

    private void signedIn(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException, ServletException {
        if (!(authentication.getPrincipal() instanceof OidcUser user)) {
            throw new IllegalStateException("a provider sign-in without an OIDC user");
        }
        Account account = accounts.findByProvider(user.getIssuer().toString(), user.getSubject())
                .orElseThrow(() -> new IllegalStateException("the provider's account vanished during sign-in"));
        List<GrantedAuthority> authorities = authorities(account);
        // A plain User, as for a password sign-in: the authorization server stores this principal.
        User principal = new User(account.username(), "", authorities);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        SavedRequest saved = savedRequests.getRequest(request, response);
        boolean authorizing = saved != null && saved.getRedirectUrl().contains("/oauth2/authorize");
        if (Boolean.TRUE.equals(request.getAttribute(CREATED)) && !authorizing) {
            savedRequests.removeRequest(request, response);
            response.sendRedirect(request.getContextPath() + WELCOME);
            return;
        }
        next.onAuthenticationSuccess(request, response, context.getAuthentication());
    }

    private Account localAccount(String registrationId, OidcUser user) {
        String issuer = user.getIssuer().toString();
        String subject = user.getSubject();
        return accounts.findByProvider(issuer, subject).orElseGet(() -> {
            try {
                Account created = signUp.federatedPerson(username(registrationId, issuer, subject),
                        user.getFullName(), issuer, subject, registrationId);
                log.info("first sign-in through {}: account {} created", registrationId, created.username());
                if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes current) {
                    current.getRequest().setAttribute(CREATED, Boolean.TRUE);
                }
                return created;
            } catch (RuntimeException e) {
                throw new OAuth2AuthenticationException(new OAuth2Error("account_creation_failed",
                        "no oO account could be created for this provider sign-in", null), e);
            }
        });
    }

    private static List<GrantedAuthority> authorities(Account account) {
        return account.roles().stream().<GrantedAuthority>map(r -> new SimpleGrantedAuthority(r.authority())).toList();
    }
}
