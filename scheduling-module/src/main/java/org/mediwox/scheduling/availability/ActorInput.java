package org.mediwox.scheduling.availability;

import java.util.Arrays;
import java.util.StringJoiner;
import org.hl7.fhir.r4.model.IdType;
import org.mediwox.plugin.vocabulary.BookingRefusal;
import org.mediwox.scheduling.rules.SchedulingErrors;

/**
 * A person, place or organization a {@code $find} input names: by reference ({@code Practitioner/12}) or by business
 * identifier (system and value, as IHE's example {@code practitioner} input does).
 */
public record ActorInput(String reference, String system, String value) {

    static ActorInput reference(String input, String text, String... types) {
        IdType id = new IdType(text);
        if (!id.hasIdPart()) {
            throw SchedulingErrors.invalid(
                    BookingRefusal.INVALID_INPUT,
                    input + " must be a reference such as " + types[0] + "/123, got '" + text + "'");
        }
        String type = id.hasResourceType() ? id.getResourceType() : types.length == 1 ? types[0] : null;
        if (type == null) {
            throw SchedulingErrors.invalid(
                    BookingRefusal.INVALID_INPUT,
                    input + " must name its type (" + String.join(" or ", types) + "/[id]), got '" + text + "'");
        }
        return new ActorInput(type + "/" + id.getIdPart(), null, null).expecting(input, types);
    }

    ActorInput expecting(String input, String... types) {
        if (reference != null && Arrays.stream(types).noneMatch(t -> reference.startsWith(t + "/"))) {
            throw SchedulingErrors.invalid(
                    BookingRefusal.INVALID_INPUT,
                    input + " must reference a " + String.join(" or ", types) + ", got " + reference);
        }
        return this;
    }

    public boolean byIdentifier() {
        return reference == null;
    }

    /** The identifier as a FHIR token ({@code system|value}, or just the value when no system was given). */
    public String token() {
        return system == null ? value : system + "|" + value;
    }

    void addTo(StringJoiner query, String name) {
        if (byIdentifier()) {
            FindRequest.add(query, name + ":identifier", token());
        } else {
            FindRequest.add(query, name, reference);
        }
    }

    @Override
    public String toString() {
        return byIdentifier() ? "identifier " + token() : reference;
    }
}
