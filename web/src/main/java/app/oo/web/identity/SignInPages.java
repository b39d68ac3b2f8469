package app.oo.web.identity;

import app.oo.domain.consent.ConsentTopic;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

/** The sign-in and (dev) sign-up pages of the local authorization server: black, like the tip page. */
@RestController
public class SignInPages {

    private final SignUp signUp;
    private final IdentityProperties props;
    private final ObjectProvider<ClientRegistrationRepository> providers;

    public SignInPages(SignUp signUp, IdentityProperties props, ObjectProvider<ClientRegistrationRepository> providers) {
        this.signUp = signUp;
        this.props = props;
        this.providers = providers;
    }

    @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
    public String login(HttpServletRequest request) {
        String notice = "provider".equals(request.getParameter("error")) ? "The provider's sign-in did not go through."
                : request.getParameter("error") != null ? "Wrong username or password."
                : request.getParameter("signedUp") != null ? "Account created. Sign in."
                : request.getParameter("signedOut") != null ? "Signed out." : "";
        String signUpLink = props.allowSignUp() ? "<a href=\"/signup\">Create an account</a>" : "";
        return page("Sign in", notice, """
                <form method="post" action="/login">
                  <label>Username <input name="username" autocomplete="username" required autofocus></label>
                  <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
                  %s
                  <button type="submit">Sign in</button>
                </form>
                %s%s""".formatted(csrfField(request), providerLinks(), signUpLink));
    }

    /** One "Sign in with <name>" per configured upstream provider; none when none is configured. */
    private String providerLinks() {
        ClientRegistrationRepository repository = providers.getIfAvailable();
        if (!(repository instanceof Iterable<?> registrations)) {
            return "";
        }
        StringBuilder links = new StringBuilder();
        for (Object each : registrations) {
            ClientRegistration registration = (ClientRegistration) each;
            links.append("<a class=\"provider\" href=\"/oauth2/authorization/%s\">Sign in with %s</a>\n".formatted(
                    UriUtils.encodePathSegment(registration.getRegistrationId(), StandardCharsets.UTF_8),
                    HtmlUtils.htmlEscape(registration.getClientName())));
        }
        return links.isEmpty() ? "" : "<nav class=\"providers\" aria-label=\"Other ways to sign in\">\n" + links + "</nav>\n";
    }

    @GetMapping(value = "/signup", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> signUpForm(HttpServletRequest request) {
        if (!props.allowSignUp()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_HTML).body(
                    page("Not here", "Accounts are created through your organisation's sign-in.", ""));
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(signUpPage(request, ""));
    }

    @PostMapping(value = "/signup", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> signUp(HttpServletRequest request, @RequestParam(required = false) String username,
                                         @RequestParam(required = false) String password,
                                         @RequestParam(name = "consent", required = false) List<String> consents) {
        if (!props.allowSignUp()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_HTML).body(
                    page("Not here", "Accounts are created through your organisation's sign-in.", ""));
        }
        List<ConsentTopic> topics = consents == null ? List.of()
                : consents.stream().map(ConsentTopic::find).flatMap(java.util.Optional::stream).toList();
        try {
            signUp.person(username, password, topics);
            return ResponseEntity.status(HttpStatus.SEE_OTHER).header("Location", "/login?signedUp").body("");
        } catch (SignUp.SignUpRefused refused) {
            HttpStatus status = "this username is taken".equals(refused.getMessage()) ? HttpStatus.CONFLICT
                    : HttpStatus.BAD_REQUEST;
            return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML)
                    .body(signUpPage(request, refused.field() + ": " + refused.getMessage()));
        }
    }

    private String signUpPage(HttpServletRequest request, String notice) {
        StringBuilder boxes = new StringBuilder();
        Arrays.stream(ConsentTopic.values()).forEach(t -> boxes.append(
                "<label class=\"consent\"><input type=\"checkbox\" name=\"consent\" value=\"%s\" checked> %s</label>"
                        .formatted(t.wireName(), HtmlUtils.htmlEscape(t.meaning()))));
        return page("Create an account", notice, """
                <form method="post" action="/signup">
                  <label>Username <input name="username" autocomplete="username" required autofocus></label>
                  <label>Password <input name="password" type="password" autocomplete="new-password" minlength="%d" required></label>
                  <fieldset><legend>You allow oO to use</legend>%s</fieldset>
                  %s
                  <button type="submit">Create account</button>
                </form>
                <a href="/login">Sign in instead</a>""".formatted(SignUp.MIN_PASSWORD, boxes, csrfField(request)));
    }

    private static String csrfField(HttpServletRequest request) {
        CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        return token == null ? "" : "<input type=\"hidden\" name=\"%s\" value=\"%s\">"
                .formatted(HtmlUtils.htmlEscape(token.getParameterName()), HtmlUtils.htmlEscape(token.getToken()));
    }

    private static String page(String title, String notice, String body) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>oO · %s</title><link rel="stylesheet" href="/assets/oo.css"></head>
                <body class="form-page"><main>
                <h1>oO</h1><p class="notice" role="status">%s</p>
                %s
                </main></body></html>""".formatted(HtmlUtils.htmlEscape(title), HtmlUtils.htmlEscape(notice), body);
    }
}
