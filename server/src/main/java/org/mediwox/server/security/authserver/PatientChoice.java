package org.mediwox.server.security.authserver;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * SMART's patient picker for standalone launches: when a login that may act for several patients (itself and the
 * children it is the proxy of) authorizes an app, it is first asked whom the app acts for ({@link PatientChoicePage});
 * the authorization request then goes on, for the patient chosen. An EHR launch names its patient itself.
 */
final class PatientChoice extends OncePerRequestFilter {

    /** Where the picker is. */
    static final String PAGE = "/login/patient";

    /** The authorization request the choice continues, kept in the session (never taken from a parameter). */
    static final String CONTINUE = PatientChoice.class.getName() + ".continue";

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
        if (login != null
                && login.isAuthenticated()
                && login.getPrincipal() instanceof SmartUser user
                && user.mustChoose()) {
            HttpSession session = request.getSession();
            String query = request.getQueryString();
            session.setAttribute(CONTINUE, request.getRequestURI() + (query == null ? "" : "?" + query));
            response.sendRedirect(request.getContextPath() + PAGE);
            return;
        }
        chain.doFilter(request, response);
    }
}
