package org.mediwox.server.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.mediwox.server.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat's last word on an error no servlet answered: a request Tomcat refused before any servlet or filter ran (a
 * malformed percent-escape or a forbidden character in the path, a path that cannot be normalized) gets an
 * OperationOutcome instead of Tomcat's HTML page, and is audited like every other refusal. Errors the web application
 * answered itself ({@link FhirErrorController}, HAPI, the filters) have written their body already and pass untouched.
 */
class FhirErrorReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(FhirErrorReportValve.class);

    private final ObjectProvider<OperationOutcomeWriter> outcomes;
    private final ObjectProvider<AuditTrail> audit;

    FhirErrorReportValve(ObjectProvider<OperationOutcomeWriter> outcomes, ObjectProvider<AuditTrail> audit) {
        this.outcomes = outcomes;
        this.audit = audit;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String message = status == 400
                ? "The request is malformed and was refused before it reached the FHIR server: the request line, a"
                        + " header or a percent-escape is not valid HTTP. Percent-encode reserved and non-ASCII"
                        + " characters (e.g. '|' as %7C, a space as %20, a literal '%' as %25) and send it again."
                : FhirErrorController.describe(status, request.getRequestURI());
        try {
            OperationOutcomeWriter writer = outcomes.getIfAvailable();
            AuditTrail trail = audit.getIfAvailable();
            if (trail != null) {
                trail.refused(new RefusedByContainer(request), status, message);
            }
            if (writer == null) {
                return; // shutting down: Tomcat answers with the status alone
            }
            response.setContentType("application/fhir+json");
            response.setCharacterEncoding("UTF-8");
            PrintWriter body = response.getReporter();
            if (body != null) {
                body.write(writer.encode(FhirErrorController.issueType(status), message));
                response.finishResponse();
            }
        } catch (Exception | LinkageError e) {
            log.warn("Could not answer a {} refused by the container", status, e);
        }
    }

    /** A request Tomcat could not parse may lack a method or a URI: the audit trail gets placeholders. */
    private static final class RefusedByContainer extends HttpServletRequestWrapper {
        RefusedByContainer(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getMethod() {
            String method = super.getMethod();
            return method == null || method.isEmpty() ? "?" : method;
        }

        @Override
        public String getRequestURI() {
            String uri = super.getRequestURI();
            return uri == null || uri.isEmpty() ? "?" : uri;
        }

        @Override
        public StringBuffer getRequestURL() {
            try {
                return super.getRequestURL();
            } catch (RuntimeException e) {
                return new StringBuffer(getRequestURI());
            }
        }
    }

    /** Puts the valve in place of the host's error report valve (Spring Boot installs one without details). */
    @Configuration(proxyBeanMethods = false)
    static class Installation {
        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> fhirErrorReportValve(
                ObjectProvider<OperationOutcomeWriter> outcomes, ObjectProvider<AuditTrail> audit) {
            return new WebServerFactoryCustomizer<>() {
                @Override
                public void customize(TomcatServletWebServerFactory factory) {
                    factory.addContextCustomizers(context -> {
                        Host host = (Host) context.getParent();
                        for (Valve valve : host.getPipeline().getValves()) {
                            if (valve instanceof ErrorReportValve && !(valve instanceof FhirErrorReportValve)) {
                                host.getPipeline().removeValve(valve);
                            }
                        }
                        if (host instanceof StandardHost standard) {
                            // else the host would add Tomcat's own at start
                            standard.setErrorReportValveClass(FhirErrorReportValve.class.getName());
                        }
                        host.getPipeline().addValve(new FhirErrorReportValve(outcomes, audit));
                    });
                }
            };
        }
    }
}
