package org.mediwox.server.security.accounts;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The page that asks a sign-in with the second factor on for its code ({@link SecondFactor}). */
// the built-in server's pages: with an external issuer (mediwox.auth.issuer) there are no accounts here
@ConditionalOnExpression("'${mediwox.auth.issuer:}'.isBlank()")
@Controller
class SignInCode {

    static final String PAGE = "/login/code";

    private final SecondFactor secondFactor;

    SignInCode(SecondFactor secondFactor) {
        this.secondFactor = secondFactor;
    }

    @GetMapping(value = PAGE, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(HttpServletRequest request, HttpServletResponse response) {
        if (SecondFactor.pending(request).isEmpty()) {
            return redirect(request, "/login");
        }
        return form(Page.of(request, response), false).render("code.title");
    }

    @PostMapping(value = PAGE, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> code(
            @RequestParam(name = "code", defaultValue = "") String code,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException, ServletException {
        return switch (secondFactor.complete(request, response, code)) {
            case SIGNED_IN -> null; // the response is sent: on to the authorization request
            case WRONG -> form(Page.of(request, response), true).render(400, "code.title");
            case LOCKED -> redirect(request, "/login?error=" + SignInFailures.LOCKED);
            case NOTHING_PENDING -> redirect(request, "/login");
        };
    }

    private static Page form(Page page, boolean wrong) {
        if (wrong) {
            page.alert("error", "code.error");
        }
        return page.paragraph("code.intro")
                .form(PAGE)
                .html("<div class=\"field\"><label for=\"f-code\">")
                .say("code.label")
                .html("</label><input id=\"f-code\" name=\"code\" type=\"text\" inputmode=\"numeric\""
                        + " autocomplete=\"one-time-code\" pattern=\"[0-9 ]*\" maxlength=\"8\" required"
                        + " aria-required=\"true\"" + (wrong ? " aria-invalid=\"true\"" : "") + " autofocus></div>")
                .submit("code.submit")
                .endForm();
    }

    private static ResponseEntity<String> redirect(HttpServletRequest request, String path) {
        return ResponseEntity.status(302)
                .header("Location", request.getContextPath() + path)
                .build();
    }
}
