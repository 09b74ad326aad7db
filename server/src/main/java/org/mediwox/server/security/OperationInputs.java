package org.mediwox.server.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;

/**
 * An operation's inputs as the patient guard reads them: from the {@code Parameters} body of a POST and the query of a
 * GET, before HAPI binds them to the operation's method.
 */
final class OperationInputs {

    /**
     * One value of an input.
     *
     * @param reference a reference or id as given; null for a resource or an unverifiable value
     * @param resource a resource given whole; null otherwise
     * @param given how the value was given, for messages
     */
    record Value(String reference, IBaseResource resource, String given) {

        /** A value that names something only by identifier or by search: it cannot be checked without a search. */
        boolean unverifiable() {
            return resource == null && (reference == null || reference.contains("?"));
        }
    }

    private final RequestDetails request;

    private OperationInputs(RequestDetails request) {
        this.request = request;
    }

    static OperationInputs of(RequestDetails request) {
        return new OperationInputs(request);
    }

    /** Every value of an input, with any modifier in the query ({@code patient-reference:identifier=…}). */
    List<Value> values(String name) {
        List<Value> values = new ArrayList<>();
        if (request.getResource() instanceof Parameters parameters) {
            for (Parameters.ParametersParameterComponent p : parameters.getParameter()) {
                if (name.equals(p.getName())) {
                    value(p).ifPresent(values::add);
                }
            }
        }
        for (Map.Entry<String, String[]> query : request.getParameters().entrySet()) {
            String key = query.getKey();
            boolean modified = key.startsWith(name + ":");
            if (!key.equals(name) && !modified) {
                continue;
            }
            for (String text : query.getValue()) {
                if (text != null && !text.isBlank()) {
                    values.add(new Value(modified ? null : text, null, key + "=" + text));
                }
            }
        }
        return values;
    }

    private static Optional<Value> value(Parameters.ParametersParameterComponent p) {
        if (p.getResource() != null) {
            return Optional.of(
                    new Value(null, p.getResource(), "a " + p.getResource().fhirType()));
        }
        Type value = p.getValue();
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Reference reference) {
            return reference.hasReference()
                    ? Optional.of(new Value(reference.getReference(), null, reference.getReference()))
                    : Optional.of(new Value(null, null, p.getName() + " by identifier"));
        }
        String text = value.primitiveValue();
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(new Value(text, null, text));
    }
}
