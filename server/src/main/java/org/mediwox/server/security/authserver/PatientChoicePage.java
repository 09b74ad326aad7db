package org.mediwox.server.security.authserver;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.HtmlUtils;

/**
 * The patient picker page: lists whom the signed-in login may act for (itself, the patients it is the proxy of) and
 * continues the authorization request for the one chosen. Only choices of this login are accepted, and only the
 * authorization request kept in the session is continued.
 */
@org.springframework.stereotype.Controller
class PatientChoicePage {

    private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    @GetMapping(value = PatientChoice.PAGE, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(HttpServletRequest request) {
        Optional<SmartUser> user = choosing(request);
        if (user.isEmpty()) {
            return gone();
        }
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        StringBuilder html = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>Who is this for? · Mediwox</title></head><body><main><h1>Who is this for?</h1>"
                + "<p>You may book and see appointments for these people. Choose one; you can switch later by"
                + " signing in again.</p><form method=\"post\" action=\"" + request.getContextPath()
                + PatientChoice.PAGE + "\">");
        if (csrf != null) {
            html.append("<input type=\"hidden\" name=\"")
                    .append(HtmlUtils.htmlEscape(csrf.getParameterName()))
                    .append("\" value=\"")
                    .append(HtmlUtils.htmlEscape(csrf.getToken()))
                    .append("\">");
        }
        html.append("<ul>");
        for (SmartUser.Acting acting : user.get().choices()) {
            boolean self = acting.fhirUser().startsWith("Patient/");
            html.append("<li><button type=\"submit\" name=\"patient\" value=\"")
                    .append(HtmlUtils.htmlEscape(acting.patientId()))
                    .append("\">")
                    .append(HtmlUtils.htmlEscape(acting.name()))
                    .append(self ? " (you)" : "")
                    .append("</button></li>");
        }
        html.append("</ul></form></main></body></html>");
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(html.toString());
    }

    @PostMapping(PatientChoice.PAGE)
    ResponseEntity<String> choose(
            @RequestParam("patient") String patient, HttpServletRequest request, HttpServletResponse response) {
        Optional<SmartUser> user = choosing(request);
        HttpSession session = request.getSession(false);
        Object next = session == null ? null : session.getAttribute(PatientChoice.CONTINUE);
        if (user.isEmpty() || !(next instanceof String authorize)) {
            return gone();
        }
        Optional<SmartUser> chosen = user.get().choose(patient);
        if (chosen.isEmpty()) {
            return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                    .contentType(MediaType.TEXT_PLAIN)
                    .body("You cannot act for that patient. Choose one of the list.");
        }
        Authentication login = SecurityContextHolder.getContext().getAuthentication();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        UsernamePasswordAuthenticationToken acting =
                UsernamePasswordAuthenticationToken.authenticated(chosen.get(), null, login.getAuthorities());
        acting.setDetails(login.getDetails());
        context.setAuthentication(acting);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        session.removeAttribute(PatientChoice.CONTINUE);
        return ResponseEntity.status(HttpStatus.FOUND)
                .header("Location", authorize)
                .build();
    }

    private static Optional<SmartUser> choosing(HttpServletRequest request) {
        Authentication login = SecurityContextHolder.getContext().getAuthentication();
        return login != null
                        && login.isAuthenticated()
                        && login.getPrincipal() instanceof SmartUser user
                        && user.mustChoose()
                ? Optional.of(user)
                : Optional.empty();
    }

    private static ResponseEntity<String> gone() {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .contentType(MediaType.TEXT_PLAIN)
                .body("Nothing to choose: open the app again to sign in.");
    }
}
