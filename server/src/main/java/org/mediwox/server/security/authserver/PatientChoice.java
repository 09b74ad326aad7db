package org.mediwox.server.security.authserver;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * SMART's patient picker for standalone launches: when a login that may act for several patients (itself and the
 * children it is the proxy of) authorizes an app, it is first asked whom the app acts for ({@link PatientChoicePage});
 * the authorization request then goes on, for the patient chosen. An EHR launch names its patient itself. The choice
 * lasts as long as the sign-in; an authorization request with OpenID Connect's {@code prompt=select_account} asks again
 * (the patient app's "Switch person"), and goes on without that parameter.
 */
final class PatientChoice extends OncePerRequestFilter {

    /** Where the picker is. */
    static final String PAGE = "/login/patient";

    /** The authorization request the choice continues, kept in the session (never taken from a parameter). */
    static final String CONTINUE = PatientChoice.class.getName() + ".continue";

    private static final String SELECT_AGAIN = "select_account";
    private static final Pattern PROMPT = Pattern.compile("(^|&)prompt=" + SELECT_AGAIN + "(?=&|$)");

    private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"GET".equals(request.getMethod())
                || !request.getRequestURI().equals(request.getContextPath() + "/oauth2/authorize")
                || request.getParameter("launch") != null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication login = SecurityContextHolder.getContext().getAuthentication();
        if (login != null && login.isAuthenticated() && login.getPrincipal() instanceof SmartUser user) {
            String query = request.getQueryString() == null ? "" : request.getQueryString();
            boolean again = PROMPT.matcher(query).find() && user.choices().size() > 1;
            if (again) {
                undecide(user, login, request, response);
                query = PROMPT.matcher(query).replaceAll("").replaceFirst("^&", "");
            }
            if (again || user.mustChoose()) {
                HttpSession session = request.getSession();
                session.setAttribute(CONTINUE, request.getRequestURI() + (query.isEmpty() ? "" : "?" + query));
                response.sendRedirect(request.getContextPath() + PAGE);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** The same sign-in, acting for nobody until the picker's next choice. */
    private void undecide(
            SmartUser user, Authentication login, HttpServletRequest request, HttpServletResponse response) {
        UsernamePasswordAuthenticationToken undecided =
                UsernamePasswordAuthenticationToken.authenticated(user.undecided(), null, login.getAuthorities());
        undecided.setDetails(login.getDetails());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(undecided);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }
}
