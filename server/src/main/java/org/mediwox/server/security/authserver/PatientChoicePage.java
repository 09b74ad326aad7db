package org.mediwox.server.security.authserver;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.mediwox.server.security.accounts.Page;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The patient picker page: lists whom the signed-in login may act for (itself, the patients it is the proxy of) and
 * continues the authorization request for the one chosen. Only choices of this login are accepted, and only the
 * authorization request kept in the session is continued. Same look and languages as the sign-in page ({@link Page}).
 */
@org.springframework.stereotype.Controller
class PatientChoicePage {

    private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    @GetMapping(value = PatientChoice.PAGE, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(HttpServletRequest request, HttpServletResponse response) {
        Optional<SmartUser> user = choosing(request);
        Page page = Page.of(request, response);
        if (user.isEmpty()) {
            return gone(page);
        }
        page.paragraph("choice.intro").form(PatientChoice.PAGE).html("<ul class=\"choices\">");
        for (SmartUser.Acting acting : user.get().choices()) {
            boolean self = acting.fhirUser().startsWith("Patient/");
            page.html("<li><button type=\"submit\" name=\"patient\" value=\"" + Page.h(acting.patientId()) + "\">");
            if (self) {
                page.say("choice.you", acting.name());
            } else {
                page.html(Page.h(acting.name()));
            }
            page.html("</button></li>");
        }
        page.html("</ul>").endForm();
        return page.render("choice.title");
    }

    @PostMapping(PatientChoice.PAGE)
    ResponseEntity<String> choose(
            @RequestParam("patient") String patient, HttpServletRequest request, HttpServletResponse response) {
        Optional<SmartUser> user = choosing(request);
        HttpSession session = request.getSession(false);
        Object next = session == null ? null : session.getAttribute(PatientChoice.CONTINUE);
        if (user.isEmpty() || !(next instanceof String authorize)) {
            return gone(Page.of(request, response));
        }
        Optional<SmartUser> chosen = user.get().choose(patient);
        if (chosen.isEmpty()) {
            return Page.of(request, response)
                    .alert("error", "choice.refused")
                    .link(PatientChoice.PAGE, "choice.title")
                    .render(400, "choice.title");
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

    private static ResponseEntity<String> gone(Page page) {
        return page.alert("error", "choice.none").render(400, "choice.title");
    }
}
