package org.mediwox.server.security.accounts;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A signed-in patient turns on the second factor ({@code /account/2fa}): the page shows a new secret as a QR code of
 * its {@code otpauth://} URI (drawn on the server, {@link QrCode}), as Base32 text to type, and as a link for the
 * phone itself; it is kept in the session until a code made from it is typed; then the account has
 * it, and every sign-in asks for a code after the password. Only registered accounts have it (demo users do not).
 */
// the built-in server's pages: with an external issuer (mediwox.auth.issuer) there are no accounts here
@ConditionalOnExpression("'${mediwox.auth.issuer:}'.isBlank()")
@Controller
class TwoFactorPage {

    static final String PAGE = "/account/2fa";
    private static final String NEW_SECRET = TwoFactorPage.class.getName() + ".secret";

    private final Accounts accounts;
    private final Clock clock = Clock.systemUTC();

    TwoFactorPage(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping(value = PAGE, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(Principal login, HttpServletRequest request, HttpServletResponse response) {
        Page page = Page.of(request, response);
        Optional<Account> account = accounts.byEmail(login.getName());
        if (account.isEmpty()) {
            return page.notice("twofactor.patientsOnly").render("twofactor.title");
        }
        if (account.get().secondFactor()) {
            return page.notice("twofactor.already").render("twofactor.title");
        }
        // the same key until it is confirmed: a reload must not invalidate what the app already scanned
        String secret =
                request.getSession().getAttribute(NEW_SECRET) instanceof String pending ? pending : Totp.newSecret();
        request.getSession().setAttribute(NEW_SECRET, secret);
        return form(page, account.get(), secret, false).render("twofactor.title");
    }

    @PostMapping(value = PAGE, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> turnOn(
            @RequestParam(name = "code", defaultValue = "") String code,
            Principal login,
            HttpServletRequest request,
            HttpServletResponse response) {
        Page page = Page.of(request, response);
        Optional<Account> account = accounts.byEmail(login.getName());
        Object secret = request.getSession().getAttribute(NEW_SECRET);
        if (account.isEmpty() || account.get().secondFactor() || !(secret instanceof String newSecret)) {
            return ResponseEntity.status(302)
                    .header("Location", request.getContextPath() + PAGE)
                    .build();
        }
        OptionalLong step = Totp.matchingStep(newSecret, code, clock.instant());
        if (step.isEmpty()) {
            return form(page, account.get(), newSecret, true).render(400, "twofactor.title");
        }
        accounts.turnOnSecondFactor(account.get().id(), newSecret, step.getAsLong());
        request.getSession().removeAttribute(NEW_SECRET);
        return page.notice("twofactor.on").render("twofactor.title");
    }

    private static Page form(Page page, Account account, String secret, boolean wrong) {
        if (wrong) {
            page.alert("error", "twofactor.error");
        }
        String uri = Totp.uri(secret, account.email());
        // the key twice: grouped by four for the eye, one character at a time for a screen reader
        return page.paragraph("twofactor.intro")
                .paragraph("twofactor.step1")
                .html(QrCode.svg(uri, page.text("twofactor.qr")))
                .paragraph("twofactor.key")
                .html("<p><code id=\"secret\" aria-hidden=\"true\">" + Page.h(Totp.readable(secret))
                        + "</code><span class=\"sr-only\">")
                .say("twofactor.keySpoken", Totp.spoken(secret))
                .html("</span></p>")
                .paragraph("twofactor.step2")
                .html("<p><a class=\"action\" id=\"otpauth\" href=\"" + Page.h(uri)
                        + "\">otpauth://totp/Mediwox</a></p>")
                .paragraph("twofactor.step3")
                .form(PAGE)
                .html("<div class=\"field\"><label for=\"f-code\">")
                .say("twofactor.code")
                .html("</label><input id=\"f-code\" name=\"code\" type=\"text\" inputmode=\"numeric\""
                        + " autocomplete=\"one-time-code\" maxlength=\"8\" required aria-required=\"true\""
                        + (wrong ? " aria-invalid=\"true\"" : "") + "></div>")
                .submit("twofactor.submit")
                .endForm();
    }
}
