package org.mediwox.server.admission;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.mediwox.server.database.DatabaseUnavailable;
import org.mediwox.server.web.OperationOutcomeWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs first on {@code /fhir/*}, before Spring Security: a request gets a turn from {@link Admission} or is refused
 * with 503, {@code Retry-After} and an OperationOutcome ({@code throttled}) before anything is done for it. The
 * CapabilityStatement and SMART discovery are not counted. Every 503 of the FHIR API leaves with {@code Retry-After},
 * and a database failure that escapes the filters behind this one (HAPI answers its own) becomes such a 503 ({@code
 * no-store}) instead of a 500.
 */
class AdmissionFilter extends OncePerRequestFilter {

    static final String OVERLOADED = "The server is busy: too many requests are being processed. Nothing was done;"
            + " retry after the time in Retry-After.";
    static final String DATABASE_UNAVAILABLE =
            "The database is unavailable at the moment; retry after the time in Retry-After.";

    private static final Logger log = LoggerFactory.getLogger(AdmissionFilter.class);

    private final Admission admission;
    private final String retryAfter;
    private final OperationOutcomeWriter outcomes;

    /** @param admission the budget; {@code null}: admission control off, only {@code Retry-After} and 503s added */
    AdmissionFilter(Admission admission, long retryAfterSeconds, OperationOutcomeWriter outcomes) {
        this.admission = admission;
        this.retryAfter = Long.toString(retryAfterSeconds);
        this.outcomes = outcomes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/fhir/metadata") || path.startsWith("/fhir/.well-known/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (admission != null && !admission.tryEnter()) {
            log.debug("Refused {} {}: no turn free", request.getMethod(), request.getRequestURI());
            refuse(response, IssueType.THROTTLED, OVERLOADED);
            return;
        }
        try {
            chain.doFilter(request, new RetryAfterOn503(response, retryAfter));
        } catch (IOException | ServletException | RuntimeException e) {
            if (!DatabaseUnavailable.causes(e) || response.isCommitted()) {
                throw e;
            }
            log.warn(
                    "{} {}: the database is unavailable ({})",
                    request.getMethod(),
                    request.getRequestURI(),
                    e.toString());
            response.resetBuffer();
            refuse(response, IssueType.NOSTORE, DATABASE_UNAVAILABLE);
        } finally {
            if (admission != null) {
                admission.leave();
            }
        }
    }

    private void refuse(HttpServletResponse response, IssueType type, String message) throws IOException {
        response.setHeader("Retry-After", retryAfter);
        outcomes.write(response, 503, type, message);
    }

    /** Adds {@code Retry-After} to a 503 that does not carry one (HAPI's, the error page's). */
    private static final class RetryAfterOn503 extends HttpServletResponseWrapper {

        private final String retryAfter;

        RetryAfterOn503(HttpServletResponse response, String retryAfter) {
            super(response);
            this.retryAfter = retryAfter;
        }

        @Override
        public void setStatus(int status) {
            super.setStatus(status);
            retryAfterOn(status);
        }

        @Override
        public void sendError(int status) throws IOException {
            retryAfterOn(status);
            super.sendError(status);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            retryAfterOn(status);
            super.sendError(status, message);
        }

        private void retryAfterOn(int status) {
            if (status == 503 && !containsHeader("Retry-After")) {
                setHeader("Retry-After", retryAfter);
            }
        }
    }
}
