package org.mediwox.server.ratelimit;

import com.nimbusds.jwt.JWTParser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.mediwox.server.audit.AuditTrail;
import org.mediwox.server.security.accounts.Page;
import org.springframework.http.ResponseEntity;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits sign-in form posts (password and second-factor code) and account form posts (registration, new confirmation
 * link, password reset: each may send an e-mail) per client IP address, and token requests per client, before Spring Security spends a
 * password or signature check on them: 429 with {@code Retry-After}, a page for the form, an OAuth error for the token
 * endpoint. Every refusal is audited.
 */
class SignInRateLimitFilter extends OncePerRequestFilter {

    static final String LOGIN = "/login";
    /** The second step of a sign-in (a TOTP code): spends the same budget as the password. */
    static final String LOGIN_CODE = "/login/code";

    static final String TOKEN = "/oauth2/token";
    /** Account forms that send e-mail or set a password. */
    static final Set<String> ACCOUNT_FORMS =
            Set.of("/register", "/register/resend", "/forgot-password", "/reset-password");

    private final KeyedLimit login;
    private final KeyedLimit token;
    private final KeyedLimit accounts;
    private final AuditTrail audit;

    SignInRateLimitFilter(KeyedLimit login, KeyedLimit token, KeyedLimit accounts, AuditTrail audit) {
        this.login = login;
        this.token = token;
        this.accounts = accounts;
        this.audit = audit;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals(LOGIN) || path.equals(LOGIN_CODE)) {
            Optional<Duration> wait = login.tryTake("ip:" + request.getRemoteAddr());
            if (wait.isPresent()) {
                refuseLogin(request, response, login, KeyedLimit.retryAfterSeconds(wait.get()));
                return;
            }
        } else if (ACCOUNT_FORMS.contains(path)) {
            Optional<Duration> wait = accounts.tryTake("ip:" + request.getRemoteAddr());
            if (wait.isPresent()) {
                refuseLogin(request, response, accounts, KeyedLimit.retryAfterSeconds(wait.get()));
                return;
            }
        } else if (path.equals(TOKEN)) {
            Optional<Duration> wait = token.tryTake(tokenClient(request));
            if (wait.isPresent()) {
                refuseToken(request, response, KeyedLimit.retryAfterSeconds(wait.get()));
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /**
     * Whose budget a token request spends: the client it authenticates as (HTTP Basic, a client assertion), else a
     * public client's id together with the address (so that one address cannot use up a public app's budget for all
     * its users), else the address.
     */
    static String tokenClient(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String credentials = new String(
                        Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = credentials.indexOf(':');
                if (colon > 0) {
                    return "client:" + URLDecoder.decode(credentials.substring(0, colon), StandardCharsets.UTF_8);
                }
            } catch (IllegalArgumentException e) {
                // not Base64: spent from the address's budget below
            }
        }
        String assertion = request.getParameter("client_assertion");
        if (assertion != null) {
            try {
                // unverified: only chooses the bucket; the authorization server checks the signature
                String subject = JWTParser.parse(assertion).getJWTClaimsSet().getSubject();
                if (subject != null) {
                    return "client:" + subject;
                }
            } catch (ParseException e) {
                // malformed: spent from the address's budget below
            }
        }
        String clientId = request.getParameter("client_id");
        if (clientId != null && !clientId.isBlank()) {
            return "public:" + clientId + "@" + request.getRemoteAddr();
        }
        return "ip:" + request.getRemoteAddr();
    }

    /** 429 for a form: a page in the language of the sign-in pages (the {@code mediwox_lang} cookie, else the browser's). */
    private void refuseLogin(
            HttpServletRequest request, HttpServletResponse response, KeyedLimit limit, long retryAfter)
            throws IOException {
        String message = "Too many sign-in attempts from this address (limit " + limit.describe() + "). Try again in "
                + retryAfter + " s.";
        audit.refused(request, 429, message);
        ResponseEntity<String> page = Page.of(request, response)
                .alert("error", "ratelimit.text", Long.toString(retryAfter))
                .html("<p class=\"links\">")
                .link(LOGIN, "back.signin")
                .html("</p>")
                .render(429, "ratelimit.title");
        response.setStatus(429);
        response.setHeader("Retry-After", Long.toString(retryAfter));
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Language", page.getHeaders().getFirst("Content-Language"));
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write(page.getBody());
    }

    private void refuseToken(HttpServletRequest request, HttpServletResponse response, long retryAfter)
            throws IOException {
        String message = "Too many token requests from this client (limit " + token.describe() + "). Retry after "
                + retryAfter + " s.";
        audit.refused(request, 429, message);
        response.setStatus(429);
        response.setHeader("Retry-After", Long.toString(retryAfter));
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json;charset=UTF-8");
        // RFC 6749 section 5.2 error shape; slow_down is the registered code for "too many requests" (RFC 8628)
        response.getWriter().write("{\"error\":\"slow_down\",\"error_description\":\"" + message + "\"}");
    }
}
