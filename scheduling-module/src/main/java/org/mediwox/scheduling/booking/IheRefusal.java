package org.mediwox.scheduling.booking;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.io.IOException;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * A refused {@code $hold} or {@code $book} answers as IHE ITI-116/117 say: the Bundle with only the OperationOutcome
 * ({@code search.mode = outcome}), under the refusal's own HTTP status (400 bad input, 401/403 not allowed, 404 unknown
 * appointment, 409 taken or changed meanwhile, 422 a booking rule). A {@code $hold} of a time that is no longer there
 * also carries the {@code fatal}/{@code not-found} issue ITI-116 asks for. Runs after every other exception handler (the
 * audit records the refusal first); the message is the one the other handlers already made safe.
 */
@Interceptor
public class IheRefusal {

    static final Set<String> OPERATIONS = Set.of("$hold", "$book");

    @Hook(value = Pointcut.SERVER_HANDLE_EXCEPTION, order = 1000)
    public boolean answer(RequestDetails request, BaseServerResponseException refusal) throws IOException {
        if (request.getOperation() == null || !OPERATIONS.contains(request.getOperation())) {
            return true;
        }
        OperationOutcome outcome =
                refusal.getOperationOutcome() instanceof OperationOutcome given ? given.copy() : new OperationOutcome();
        if (!outcome.hasIssue()) {
            outcome.addIssue()
                    .setSeverity(IssueSeverity.ERROR)
                    .setCode(IssueType.PROCESSING)
                    .setDiagnostics(refusal.getMessage());
        }
        if ("$hold".equals(request.getOperation())
                && (refusal.getStatusCode() == 404 || refusal.getStatusCode() == 409)) {
            outcome.getIssueFirstRep().setSeverity(IssueSeverity.FATAL).setCode(IssueType.NOTFOUND);
        }
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(0);
        bundle.addEntry()
                .setFullUrl("urn:uuid:" + UUID.randomUUID())
                .setResource(outcome)
                .getSearch()
                .setMode(Bundle.SearchEntryMode.OUTCOME);
        refusal.getResponseHeaders()
                .forEach((name, values) ->
                        values.forEach(value -> request.getResponse().addHeader(name, value)));
        RestfulServerUtils.streamResponseAsResource(
                request.getServer(), bundle, Set.of(), refusal.getStatusCode(), false, false, request);
        return false;
    }
}
