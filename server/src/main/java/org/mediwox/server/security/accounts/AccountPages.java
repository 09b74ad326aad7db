package org.mediwox.server.security.accounts;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The account pages of the built-in server, in the sign-in page's look and languages: registration ({@code
 * /register}), the link that confirms the address ({@code /register/verify}) and a new one ({@code /register/resend}),
 * the forgotten password ({@code /forgot-password}, {@code /reset-password}). Each answers the same whether or not an
 * address has an account.
 */
// the built-in server's pages: with an external issuer (mediwox.auth.issuer) there are no accounts here
@ConditionalOnExpression("'${mediwox.auth.issuer:}'.isBlank()")
@Controller
class AccountPages {

    private final Registration registration;
    private final PasswordReset reset;
    private final AccountProperties properties;

    AccountPages(Registration registration, PasswordReset reset, AccountProperties properties) {
        this.registration = registration;
        this.reset = reset;
        this.properties = properties;
    }

    @GetMapping(value = SignInPage.REGISTER, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> registerPage(HttpServletRequest request, HttpServletResponse response) {
        return registerForm(Page.of(request, response), new Registration.Form("", "", "", "", "", ""), Map.of(), 200);
    }

    @PostMapping(value = SignInPage.REGISTER, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> register(
            @RequestParam(name = "email", defaultValue = "") String email,
            @RequestParam(name = "password", defaultValue = "") String password,
            @RequestParam(name = "given", defaultValue = "") String given,
            @RequestParam(name = "family", defaultValue = "") String family,
            @RequestParam(name = "birthDate", defaultValue = "") String birthDate,
            @RequestParam(name = "identifier", defaultValue = "") String identifier,
            HttpServletRequest request,
            HttpServletResponse response) {
        Page page = Page.of(request, response);
        if (!properties.registration()) {
            return closed(page);
        }
        Registration.Form form = new Registration.Form(email, password, given, family, birthDate, identifier);
        Registration.Outcome outcome = registration.register(form, page.language());
        if (!outcome.accepted()) {
            return registerForm(page, form, outcome.errors(), 400);
        }
        return page.notice("register.done", email.trim())
                .link("/login", "back.signin")
                .render("register.done.title");
    }

    private ResponseEntity<String> registerForm(
            Page page, Registration.Form form, Map<String, String> errors, int status) {
        if (!properties.registration()) {
            return closed(page);
        }
        if (!errors.isEmpty()) {
            page.alert("error", "register.error.summary");
        }
        page.paragraph("register.intro")
                .form(SignInPage.REGISTER)
                .field("given", "text", "register.given", form.given(), "given-name", null, errors.get("given"), true)
                .field(
                        "family",
                        "text",
                        "register.family",
                        form.family(),
                        "family-name",
                        null,
                        errors.get("family"),
                        true)
                .field(
                        "birthDate",
                        "date",
                        "register.birthDate",
                        form.birthDate(),
                        "bday",
                        "register.birthDate.hint",
                        errors.get("birthDate"),
                        true)
                .field(
                        "identifier",
                        "text",
                        "register.identifier",
                        form.identifier(),
                        "off",
                        "register.identifier.hint",
                        null,
                        false)
                .field("email", "email", "register.email", form.email(), "email", null, errors.get("email"), true)
                .field(
                        "password",
                        "password",
                        "register.password",
                        null,
                        "new-password",
                        "register.password.hint",
                        errors.get("password"),
                        true)
                .submit("register.submit")
                .endForm()
                .html("<p class=\"links\">")
                .link("/login", "back.signin")
                .html("</p>");
        return page.render(status, "register.title");
    }

    /** Registration off: the page says so (404: there is nothing to fill in here) and leads back to the sign-in. */
    private static ResponseEntity<String> closed(Page page) {
        return page.alert("error", "register.closed")
                .html("<p class=\"links\">")
                .link("/login", "back.signin")
                .html("</p>")
                .render(404, "register.title");
    }

    @GetMapping(value = SignInPage.VERIFY, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> verify(
            @RequestParam(name = "token", defaultValue = "") String token,
            HttpServletRequest request,
            HttpServletResponse response) {
        Page page = Page.of(request, response);
        if (registration.verify(token)) {
            return page.notice("verify.done")
                    .link("/login?verified", "signin.submit")
                    .render("verify.title");
        }
        page.alert("error", "verify.failed");
        return resendForm(page, "").render(400, "verify.failed.title");
    }

    @GetMapping(value = SignInPage.RESEND, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> resendPage(HttpServletRequest request, HttpServletResponse response) {
        Page page = Page.of(request, response);
        return resendForm(page.paragraph("resend.intro"), "").render("resend.title");
    }

    @PostMapping(value = SignInPage.RESEND, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> resend(
            @RequestParam(name = "email", defaultValue = "") String email,
            HttpServletRequest request,
            HttpServletResponse response) {
        Page page = Page.of(request, response);
        registration.resend(email.trim(), page.language());
        return mailSent(page, "resend.done", "resend.title");
    }

    /** The answer to a form that sends an e-mail: the same notice whether the address has an account or not. */
    private static ResponseEntity<String> mailSent(Page page, String notice, String title) {
        return page.notice(notice).link("/login", "back.signin").render(title);
    }

    private static Page resendForm(Page page, String email) {
        return page.form(SignInPage.RESEND)
                .field("email", "email", "register.email", email, "email", null, null, true)
                .submit("resend.submit")
                .endForm();
    }

    @GetMapping(value = SignInPage.FORGOT, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> forgotPage(HttpServletRequest request, HttpServletResponse response) {
        Page page = Page.of(request, response);
        return page.paragraph("forgot.intro")
                .form(SignInPage.FORGOT)
                .field("email", "email", "signin.email", "", "email", null, null, true)
                .submit("forgot.submit")
                .endForm()
                .html("<p class=\"links\">")
                .link("/login", "back.signin")
                .html("</p>")
                .render("forgot.title");
    }

    @PostMapping(value = SignInPage.FORGOT, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> forgot(
            @RequestParam(name = "email", defaultValue = "") String email,
            HttpServletRequest request,
            HttpServletResponse response) {
        Page page = Page.of(request, response);
        reset.request(email.trim(), page.language());
        return mailSent(page, "forgot.done", "forgot.title");
    }

    @GetMapping(value = SignInPage.RESET, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> resetPage(
            @RequestParam(name = "token", defaultValue = "") String token,
            HttpServletRequest request,
            HttpServletResponse response) {
        Page page = Page.of(request, response);
        if (!reset.linkWorks(token)) {
            return failedReset(page);
        }
        return resetForm(page, token, null).render("reset.title");
    }

    @PostMapping(value = SignInPage.RESET, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> reset(
            @RequestParam(name = "token", defaultValue = "") String token,
            @RequestParam(name = "password", defaultValue = "") String password,
            HttpServletRequest request,
            HttpServletResponse response) {
        Page page = Page.of(request, response);
        Optional<String> problem = reset.reset(token, password);
        if (problem.isEmpty()) {
            return ResponseEntity.status(302)
                    .header("Location", request.getContextPath() + "/login?reset")
                    .build();
        }
        if (problem.get().equals("reset.failed")) {
            return failedReset(page);
        }
        return resetForm(page, token, problem.get()).render(400, "reset.title");
    }

    private static Page resetForm(Page page, String token, String error) {
        return page.form(SignInPage.RESET)
                .hidden("token", token)
                .field(
                        "password",
                        "password",
                        "reset.password",
                        null,
                        "new-password",
                        "register.password.hint",
                        error,
                        true)
                .submit("reset.submit")
                .endForm();
    }

    private static ResponseEntity<String> failedReset(Page page) {
        return page.alert("error", "reset.failed")
                .html("<p class=\"links\">")
                .link(SignInPage.FORGOT, "forgot.title")
                .html("</p>")
                .render(400, "verify.failed.title");
    }
}
