package org.mediwox.server.security.accounts;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * The second step of a sign-in for an account with the second factor on: after the right password the session is not
 * signed in yet — the sign-in waits in the session ({@link #PENDING}) and the browser goes to {@code /login/code}; the
 * right TOTP code of a step not used before signs it in and continues where the sign-in was asked for (the SMART
 * authorization request). A wrong code counts as a failed sign-in of that name (the lockout's events), and a locked
 * name's waiting sign-in is dropped.
 */
public final class SecondFactor implements AuthenticationSuccessHandler {

    static final String PENDING = SecondFactor.class.getName() + ".pending";

    private final Accounts accounts;
    private final UserDetailsService users;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final AuthenticationSuccessHandler continuation = new SavedRequestAwareAuthenticationSuccessHandler();
    private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    SecondFactor(Accounts accounts, UserDetailsService users, ApplicationEventPublisher events, Clock clock) {
        this.accounts = accounts;
        this.users = users;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void onAuthenticationSuccess(
            HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException, ServletException {
        Optional<Account> account = accounts.byEmail(authentication.getName());
        if (account.isEmpty() || !account.get().secondFactor()) {
            continuation.onAuthenticationSuccess(request, response, authentication);
            return;
        }
        // the form login saved the signed-in context already: not yet
        SecurityContextHolder.clearContext();
        contexts.saveContext(SecurityContextHolder.createEmptyContext(), request, response);
        request.getSession().setAttribute(PENDING, authentication);
        response.sendRedirect(request.getContextPath() + SignInCode.PAGE);
    }

    /** The sign-in waiting for its code in this session. */
    static Optional<Authentication> pending(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(PENDING) instanceof Authentication waiting
                ? Optional.of(waiting)
                : Optional.empty();
    }

    /** What a typed code did. */
    enum Result {
        SIGNED_IN,
        WRONG,
        LOCKED,
        NOTHING_PENDING
    }

    /** Checks the code of the waiting sign-in; on success the session is signed in and the browser sent on. */
    Result complete(HttpServletRequest request, HttpServletResponse response, String code)
            throws IOException, ServletException {
        Optional<Authentication> waiting = pending(request);
        if (waiting.isEmpty()) {
            return Result.NOTHING_PENDING;
        }
        Authentication authentication = waiting.get();
        String name = authentication.getName();
        if (!users.loadUserByUsername(name).isAccountNonLocked()) {
            request.getSession().removeAttribute(PENDING);
            return Result.LOCKED;
        }
        Optional<Account> account = accounts.byEmail(name).filter(Account::secondFactor);
        OptionalLong step = account.isEmpty()
                ? OptionalLong.empty()
                : Totp.matchingStep(account.get().totpSecret(), code, clock.instant());
        if (step.isEmpty() || !accounts.useCodeStep(account.get().id(), step.getAsLong())) {
            events.publishEvent(new AuthenticationFailureBadCredentialsEvent(
                    UsernamePasswordAuthenticationToken.unauthenticated(name, null),
                    new BadCredentialsException("wrong second-factor code")));
            return Result.WRONG;
        }
        request.getSession().removeAttribute(PENDING);
        request.changeSessionId(); // a new session id for the signed-in session, as after the password
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        continuation.onAuthenticationSuccess(request, response, authentication);
        return Result.SIGNED_IN;
    }
}
