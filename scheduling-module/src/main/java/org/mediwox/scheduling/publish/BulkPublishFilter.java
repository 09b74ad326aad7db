package org.mediwox.scheduling.publish;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * {@code GET [base]/$bulk-publish} and its files, answered before HAPI's servlet: the feed is plain HTTP with NDJSON
 * files (not a FHIR interaction), and an unchanged poll must cost one SQL query — the ETag is the newest change of a
 * published type and today's date ({@link Freshness}), checked against {@code If-None-Match} before anything is built.
 * With {@code mediwox.bulk-publish.enabled=false} it answers 404 (and the server's security asks for a token first, as
 * for any FHIR path). Defined by the OperationDefinition {@code bulk-publish} in ig/ (ig/input/fsh/operations/
 * bulk-publish.fsh), advertised by {@link BulkPublishCapability}.
 */
public class BulkPublishFilter implements Filter {

    static final String PATH = "/fhir/$bulk-publish";

    private final BulkPublisher publisher;
    private final Freshness freshness;
    private final FhirContext fhirContext;
    private final boolean enabled;
    private final Duration maxAge;

    BulkPublishFilter(
            BulkPublisher publisher, Freshness freshness, FhirContext fhirContext, boolean enabled, Duration maxAge) {
        this.publisher = publisher;
        this.freshness = freshness;
        this.fhirContext = fhirContext;
        this.enabled = enabled;
        this.maxAge = maxAge;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String path = request.getRequestURI()
                .substring(request.getContextPath().length())
                .replace("%24", "$");
        if (!path.equals(PATH) && !path.startsWith(PATH + "/")) {
            chain.doFilter(req, res);
            return;
        }
        if (!enabled) {
            outcome(
                    response,
                    404,
                    IssueType.NOTFOUND,
                    "The public availability feed $bulk-publish is turned off on this server"
                            + " (mediwox.bulk-publish.enabled=false).");
            return;
        }
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            response.setHeader("Allow", "GET, HEAD");
            outcome(response, 405, IssueType.NOTSUPPORTED, "$bulk-publish answers GET only.");
            return;
        }
        String file = path.equals(PATH) || path.equals(PATH + "/") ? null : path.substring(PATH.length() + 1);
        if (file != null && !publisher.known(file)) {
            outcome(
                    response,
                    404,
                    IssueType.NOTFOUND,
                    "No file " + file + " in the current $bulk-publish manifest:"
                            + " fetch the manifest for the files' URLs.");
            return;
        }
        Instant since;
        try {
            since = since(request.getParameter("_since"));
        } catch (DateTimeParseException e) {
            outcome(
                    response,
                    400,
                    IssueType.INVALID,
                    "_since must be a FHIR instant with a time zone, such as" + " 2021-04-22T14:28:21.582Z; was "
                            + request.getParameter("_since"));
            return;
        }

        Freshness.Stamp stamp = freshness.stamp();
        String etag = "W/\"" + stamp.newestChange().toEpochMilli() + "-" + publisher.today() + "\"";
        response.setHeader("ETag", etag);
        response.setHeader("Cache-Control", "max-age=" + maxAge.toSeconds());
        if (matches(request.getHeader("If-None-Match"), etag)) {
            response.setStatus(304);
            return;
        }
        response.setCharacterEncoding("UTF-8");
        if (file == null) {
            response.setContentType("application/json");
            byte[] body = publisher
                    .manifest(stamp.newestChange(), stamp.now(), since)
                    .toJson()
                    .getBytes(StandardCharsets.UTF_8);
            response.setContentLength(body.length);
            if ("GET".equals(request.getMethod())) {
                response.getOutputStream().write(body);
            }
            return;
        }
        response.setContentType("application/fhir+ndjson");
        if ("GET".equals(request.getMethod())) {
            Writer out = new BufferedWriter(
                    new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), 16 * 1024);
            publisher.write(file, stamp.newestChange(), since, out);
            out.flush();
        }
    }

    /** {@code _since} as the specification's timestamp (an instant with an offset), or null. */
    static Instant since(String value) {
        return value == null || value.isBlank()
                ? null
                : OffsetDateTime.parse(value.trim()).toInstant();
    }

    /** Whether {@code If-None-Match} names the ETag (weak comparison, as RFC 9110 asks for it). */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String opaque = etag.substring(2);
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || c.equals(etag) || c.equals(opaque) || c.equals("W/" + opaque)) {
                return true;
            }
        }
        return false;
    }

    private void outcome(HttpServletResponse response, int status, IssueType type, String diagnostics)
            throws IOException {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics(diagnostics);
        response.setStatus(status);
        response.setCharacterEncoding("UTF-8");
        response.setContentType("application/fhir+json");
        response.getWriter().write(fhirContext.newJsonParser().encodeResourceToString(outcome));
    }
}
