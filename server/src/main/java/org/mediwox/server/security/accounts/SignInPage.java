package org.mediwox.server.security.accounts;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The built-in server's sign-in page ({@code GET /login}; Spring Security's form login takes the {@code POST}): email
 * and password with visible labels, a show-password button, the reason of a failed attempt ({@link SignInFailures}),
 * links to the password reset and (when {@code mediwox.accounts.registration} is on) the registration, English and
 * Spanish.
 */
@Controller
class SignInPage {

    static final String REGISTER = "/register";
    static final String RESEND = "/register/resend";
    static final String FORGOT = "/forgot-password";
    static final String RESET = "/reset-password";
    static final String VERIFY = "/register/verify";

    /** The e-mail of the last failed attempt, to fill the form and the "send the link again" action. */
    static final String LAST_EMAIL = SignInPage.class.getName() + ".email";

    private final AccountProperties accounts;

    SignInPage(AccountProperties accounts) {
        this.accounts = accounts;
    }

    @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(HttpServletRequest request, HttpServletResponse response) {
        Page page = Page.of(request, response);
        String error = request.getParameter("error");
        HttpSession session = request.getSession(false);
        String email = error != null && session != null && session.getAttribute(LAST_EMAIL) instanceof String last
                ? last
                : null;
        String errorKey = null;
        if (error != null) {
            errorKey = switch (error) {
                case SignInFailures.LOCKED -> "signin.error.locked";
                case SignInFailures.UNVERIFIED -> "signin.error.unverified";
                default -> "signin.error.credentials";
            };
            page.alert("error", errorKey);
            if (SignInFailures.UNVERIFIED.equals(error)) {
                page.form(RESEND)
                        .hidden("email", email == null ? "" : email)
                        .html("<button type=\"submit\" class=\"secondary\">")
                        .say("signin.resend")
                        .html("</button>")
                        .endForm();
            }
        } else if (request.getParameter("ended") != null) {
            page.notice("signin.error.ended");
        } else if (request.getParameter("logout") != null) {
            page.notice("signin.signedOut");
        } else if (request.getParameter("verified") != null) {
            page.notice("verify.done");
        } else if (request.getParameter("reset") != null) {
            page.notice("reset.done");
        }
        boolean credentials = errorKey != null && !SignInFailures.UNVERIFIED.equals(error);
        page.paragraph("signin.intro")
                .form("/login")
                .field(
                        "username",
                        "email",
                        "signin.email",
                        email,
                        "username",
                        null,
                        credentials ? errorKey : null,
                        true)
                .field("password", "password", "signin.password", null, "current-password", null, null, true)
                .submit("signin.submit")
                .endForm()
                .html("<p class=\"links\">")
                .link(FORGOT, "signin.forgot");
        if (accounts.registration()) {
            page.link(REGISTER, "signin.register");
        }
        page.html("</p>");
        return page.render("signin.title");
    }
}
