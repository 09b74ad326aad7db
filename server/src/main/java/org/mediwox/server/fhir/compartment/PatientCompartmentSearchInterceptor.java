package org.mediwox.server.fhir.compartment;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.server.ServletRequestTracing;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;

/**
 * Answers the FHIR compartment search {@code GET [base]/Patient/[id]/[type]?[parameters]} as the type search it means,
 * {@code GET [base]/[type]?[membership parameter]=Patient/[id]&[parameters]} (see {@link PatientCompartment}).
 *
 * <p>HAPI's JPA server has no compartment search of its own (its resource providers declare none, and no setting turns
 * one on), so it answered 400. Rather than run searches itself, this interceptor forwards the request, inside the
 * servlet container, to the type search before HAPI has chosen a handler: the rewritten request then goes through
 * HAPI's whole processing — the SMART scope rules, the narrowing of patient tokens to their own compartment, the audit
 * trail, paging — exactly like a client's own {@code [type]?...} search, so it can neither see more nor less, and it
 * is audited once, as that search. A compartment search refused here (400) reads nothing and is audited as a refusal.
 *
 * <p>Only {@code GET}/{@code HEAD} of a known resource type are forwarded; {@code Patient/[id]/*} (all types at once)
 * is refused with 400, and everything else under {@code Patient/[id]/} ({@code _history}, {@code $everything}, unknown
 * names) is left to HAPI.
 */
@Interceptor
public class PatientCompartmentSearchInterceptor {

    static final String COMPARTMENT_DEFINITION = "http://hl7.org/fhir/CompartmentDefinition/patient";

    /** {@code /Patient/[id]/[type]} within the FHIR servlet; an id as FHIR R4 allows it. */
    private static final Pattern COMPARTMENT_SEARCH =
            Pattern.compile("/" + PatientCompartment.NAME + "/([A-Za-z0-9\\-.]{1,64})/([A-Za-z]+|\\*)/?");

    private static final Set<String> SEARCH_METHODS = Set.of("GET", "HEAD");

    private final PatientCompartment compartment;
    private final Set<String> resourceTypes;

    public PatientCompartmentSearchInterceptor(FhirContext fhirContext) {
        this.compartment = new PatientCompartment(fhirContext);
        this.resourceTypes = Set.copyOf(fhirContext.getResourceTypes());
    }

    /** Forwards a compartment search to its type search; {@code false} tells HAPI the request has been answered. */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
    public boolean forwardToTypeSearch(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        Matcher path = COMPARTMENT_SEARCH.matcher(request.getPathInfo() == null ? "" : request.getPathInfo());
        if (!SEARCH_METHODS.contains(request.getMethod()) || !path.matches()) {
            return true;
        }
        String patientId = path.group(1);
        String type = path.group(2);
        if (type.equals("*")) {
            throw new InvalidRequestException("Searching every type of a patient's compartment at once (Patient/"
                    + patientId + "/*) is not supported; search one type, e.g. Patient/" + patientId
                    + "/Appointment");
        }
        if (!resourceTypes.contains(type)) {
            return true;
        }
        String query = request.getQueryString();
        String typeSearch = request.getServletPath() + "/" + type + "?" + compartment.criterion(patientId, type)
                + (query == null || query.isEmpty() ? "" : "&" + query);
        String requestId = response.getHeader(Constants.HEADER_REQUEST_ID);
        if (requestId != null) {
            request.setAttribute(ServletRequestTracing.ATTRIBUTE_REQUEST_ID, requestId);
        }
        request.getRequestDispatcher(typeSearch).forward(request, withOneRequestId(response));
        return false;
    }

    /**
     * HAPI has already answered this request's {@code X-Request-ID}; the forwarded request keeps that id (the request
     * attribute above) and must not add the header a second time.
     */
    private static HttpServletResponse withOneRequestId(HttpServletResponse response) {
        return new HttpServletResponseWrapper(response) {
            @Override
            public void addHeader(String name, String value) {
                if (!(Constants.HEADER_REQUEST_ID.equalsIgnoreCase(name) && containsHeader(name))) {
                    super.addHeader(name, value);
                }
            }
        };
    }

    /** The CapabilityStatement names the Patient compartment as supported (for the types README lists). */
    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void advertise(IBaseConformance generated) {
        CapabilityStatement capabilities = (CapabilityStatement) generated;
        if (!capabilities.getRestFirstRep().hasCompartment(COMPARTMENT_DEFINITION)) {
            capabilities.getRestFirstRep().addCompartment(COMPARTMENT_DEFINITION);
        }
    }
}
