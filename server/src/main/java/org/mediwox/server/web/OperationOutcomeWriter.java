package org.mediwox.server.web;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.stereotype.Component;

/** Writes an OperationOutcome as the whole response, for errors raised outside HAPI's RestfulServer. */
@Component
public class OperationOutcomeWriter {

    private final FhirContext fhirContext;

    OperationOutcomeWriter(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    public void write(HttpServletResponse response, int status, IssueType type, String message) throws IOException {
        byte[] body = encode(type, message).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/fhir+json;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    public String encode(IssueType type, String message) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics(message);
        return fhirContext.newJsonParser().encodeResourceToString(outcome);
    }
}
