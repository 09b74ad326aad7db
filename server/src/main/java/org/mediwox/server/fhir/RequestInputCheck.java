package org.mediwox.server.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Refuses malformed input with 400 before the FHIR server acts on it, with a message that says what to fix: a NUL
 * character in a parameter or in any string of the request's resource (PostgreSQL cannot store it), and a negative or
 * non-numeric {@code _count} or {@code _offset} (PostgreSQL refuses a negative OFFSET). {@link StoredTextCheck} covers
 * what is stored by other paths (patches, resources the server writes itself); malformed percent-escapes are refused
 * by a servlet filter, because HAPI decodes the query string before its interceptors run.
 */
@Interceptor
class RequestInputCheck {

    private static final Set<String> NON_NEGATIVE = Set.of("_count", "_offset", "_getpagesoffset");

    private final NulCharacters nul;

    RequestInputCheck(FhirContext fhirContext) {
        this.nul = new NulCharacters(fhirContext);
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean parameters(RequestDetails request) {
        Map<String, String[]> parameters = request.getParameters();
        if (parameters == null) {
            return true;
        }
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if (name.indexOf('\0') >= 0) {
                throw new InvalidRequestException(
                        "A parameter name contains a NUL character (%00). Remove it and send the request again.");
            }
            for (String value : parameter.getValue()) {
                if (value != null && value.indexOf('\0') >= 0) {
                    throw new InvalidRequestException("The value of the parameter " + name
                            + " contains a NUL character (%00), which FHIR strings may not hold. Remove it and send"
                            + " the request again.");
                }
                if (NON_NEGATIVE.contains(name)) {
                    checkNonNegative(name, value);
                }
            }
        }
        return true;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void resource(RequestDetails request) {
        IBaseResource resource = request.getResource();
        nul.find(resource).ifPresent(path -> {
            throw new InvalidRequestException(NulCharacters.refusal(path));
        });
    }

    static void checkNonNegative(String name, String value) {
        String trimmed = value == null ? "" : value.trim();
        boolean valid =
                !trimmed.isEmpty() && trimmed.length() <= 10 && trimmed.chars().allMatch(Character::isDigit);
        if (!valid || Long.parseLong(trimmed) > Integer.MAX_VALUE) {
            throw new InvalidRequestException("The parameter " + name + " must be a whole number from 0 to "
                    + Integer.MAX_VALUE + "; it was \"" + abbreviate(value) + "\".");
        }
    }

    private static String abbreviate(String value) {
        String text = value == null ? "" : value;
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
