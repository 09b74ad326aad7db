package org.mediwox.server.security.accounts;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Where a failed sign-in goes: back to the sign-in page with the reason as a code ({@code ?error=credentials},
 * {@code locked}, {@code unverified}) that the page words in the patient's language. A locked name is locked whether or
 * not it exists (the lockout counts every name) and is refused before its password is compared, so "locked" says
 * nothing about an account; "unverified" is only said after the right password.
 */
public final class SignInFailures implements AuthenticationFailureHandler {

    static final String CREDENTIALS = "credentials";
    static final String LOCKED = "locked";
    static final String UNVERIFIED = "unverified";

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException, ServletException {
        String reason = exception instanceof LockedException
                ? LOCKED
                : exception instanceof NotVerified ? UNVERIFIED : CREDENTIALS;
        String email = request.getParameter("username");
        if (email != null && email.length() <= 320) {
            request.getSession().setAttribute(SignInPage.LAST_EMAIL, email.trim());
        }
        response.sendRedirect(request.getContextPath() + "/login?error=" + reason);
    }

    /** A sign-in with the right password to an account whose e-mail address is not confirmed yet. */
    public static final class NotVerified extends AccountStatusException {
        public NotVerified() {
            super("The e-mail address of this account is not confirmed yet");
        }
    }
}
