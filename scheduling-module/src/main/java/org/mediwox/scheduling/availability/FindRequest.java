package org.mediwox.scheduling.availability;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;
import org.mediwox.plugin.vocabulary.BookingRefusal;
import org.mediwox.scheduling.payer.Insurance;
import org.mediwox.scheduling.rules.SchedulingErrors;

/**
 * The inputs of {@code Appointment/$find} as IHE ITI-115 and Argonaut Scheduling send them — a {@code Parameters} body
 * (POST) or query parameters (GET) — read into one typed request. Every input is honoured or refused with 400 naming it;
 * none is ignored.
 *
 * <p>Argonaut names are aliases of the IHE ones: {@code provider} of {@code practitioner}, {@code location} of
 * {@code location-reference}, {@code appt-type} of {@code visit-type}. A reference input takes {@code valueReference}
 * (with a reference or an identifier), {@code valueUri}, {@code valueUrl} or {@code valueString}; in a query, an
 * identifier is given with FHIR's {@code :identifier} modifier ({@code practitioner:identifier=system|value}).
 *
 * <p>Paging uses Mediwox's {@code page-offset}, not {@code _offset}: HAPI's server applies {@code _offset} itself to
 * whatever an operation answers, and would cut the page a second time.
 */
public record FindRequest(
        Instant start,
        Instant end,
        List<String> specialties,
        List<String> visitTypes,
        List<ActorInput> practitioners,
        List<ActorInput> organizations,
        List<ActorInput> locations,
        List<String> locationStrings,
        ActorInput patient,
        Patient patientResource,
        List<String> reasons,
        Identifier referral,
        Insurance insurance,
        int count,
        int offset) {

    static final int DEFAULT_COUNT = 20;
    static final int MAX_COUNT = 200;

    /** Inputs both IGs define that Mediwox cannot honour: refused with 400 and this reason, never ignored. */
    static final Map<String, String> REFUSED =
            Map.of("timing", "preferred times (Timing) are not supported; narrow start and end instead");

    private static final Map<String, String> ALIASES = Map.of(
            "provider", "practitioner",
            "location", "location-reference",
            "appt-type", "visit-type");

    /** The inputs honoured (IHE names; the Argonaut aliases above map onto them). */
    static final Set<String> HONOURED = Set.of(
            "start",
            "end",
            "specialty",
            "visit-type",
            "practitioner",
            "organization",
            "location-reference",
            "location-string",
            "patient-reference",
            "patient-resource",
            "reason",
            "referral-identifier",
            "insurance-reference",
            "coverage",
            "_count",
            "page-offset");

    private static final Set<String> FORMAT = Set.of("_format", "_pretty", "_summary", "_elements");

    /** Reads the request's inputs; 400 for a missing, malformed, unknown or unsupported one. */
    public static FindRequest of(RequestDetails details) {
        Inputs inputs = details.getResource() instanceof Parameters parameters
                ? Inputs.of(parameters)
                : Inputs.of(details.getParameters());
        Instant start = inputs.instant("start");
        Instant end = inputs.instant("end");
        if (!end.isAfter(start)) {
            throw SchedulingErrors.invalid(
                    BookingRefusal.WINDOW_INVALID, "end (" + end + ") must be after start (" + start + ")");
        }
        List<ActorInput> patients = inputs.actors("patient-reference", "Patient");
        List<Patient> patientResources = inputs.patients();
        if (patients.size() + patientResources.size() > 1) {
            throw SchedulingErrors.invalid(
                    BookingRefusal.INVALID_INPUT,
                    "$find proposes appointments for one patient: group appointments (several patient-reference or"
                            + " patient-resource inputs) are not supported");
        }
        int count = inputs.integer("_count", DEFAULT_COUNT);
        if (count < 1) {
            throw SchedulingErrors.invalid(BookingRefusal.INVALID_INPUT, "_count must be at least 1, got " + count);
        }
        int offset = inputs.integer("page-offset", 0);
        if (offset < 0) {
            throw SchedulingErrors.invalid(
                    BookingRefusal.INVALID_INPUT, "page-offset must not be negative, got " + offset);
        }
        return new FindRequest(
                start,
                end,
                inputs.tokens("specialty"),
                inputs.tokens("visit-type"),
                inputs.actors("practitioner", "Practitioner", "PractitionerRole"),
                inputs.actors("organization", "Organization"),
                inputs.actors("location-reference", "Location"),
                inputs.strings("location-string"),
                patients.isEmpty() ? null : patients.get(0),
                patientResources.isEmpty() ? null : patientResources.get(0),
                inputs.tokens("reason"),
                inputs.identifier("referral-identifier"),
                inputs.insurance(),
                Math.min(MAX_COUNT, count),
                offset);
    }

    /**
     * This request as a GET query for the page at {@code pageOffset} (a paging link), or null when an input cannot be
     * written in a query ({@code patient-resource}, a referral identifier).
     */
    public String query(int pageOffset) {
        if (patientResource != null || referral != null || !insurance.given().isEmpty()) {
            return null;
        }
        StringJoiner query = new StringJoiner("&");
        add(query, "start", new DateTimeType(java.util.Date.from(start)).getValueAsString());
        add(query, "end", new DateTimeType(java.util.Date.from(end)).getValueAsString());
        specialties.forEach(s -> add(query, "specialty", s));
        visitTypes.forEach(s -> add(query, "visit-type", s));
        practitioners.forEach(a -> a.addTo(query, "practitioner"));
        organizations.forEach(a -> a.addTo(query, "organization"));
        locations.forEach(a -> a.addTo(query, "location-reference"));
        locationStrings.forEach(s -> add(query, "location-string", s));
        if (patient != null) {
            patient.addTo(query, "patient-reference");
        }
        reasons.forEach(s -> add(query, "reason", s));
        insurance.coverageIds().forEach(id -> add(query, "insurance-reference", "Coverage/" + id));
        add(query, "_count", Integer.toString(count));
        add(query, "page-offset", Integer.toString(pageOffset));
        return query.toString();
    }

    static void add(StringJoiner query, String name, String value) {
        query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    /** The inputs by name (aliases resolved), each with its values: FHIR types from a body, strings from a query. */
    private record Inputs(Map<String, List<Object>> values) {

        static Inputs of(Parameters parameters) {
            Map<String, List<Object>> values = new java.util.HashMap<>();
            for (ParametersParameterComponent p : parameters.getParameter()) {
                Object value = p.getResource() != null ? p.getResource() : p.getValue();
                values.computeIfAbsent(name(p.getName()), k -> new ArrayList<>())
                        .add(value);
            }
            return new Inputs(values);
        }

        static Inputs of(Map<String, String[]> query) {
            Map<String, List<Object>> values = new java.util.HashMap<>();
            query.forEach((key, given) -> {
                if (FORMAT.contains(key)) {
                    return;
                }
                boolean byIdentifier = key.endsWith(":identifier");
                String name = name(byIdentifier ? key.substring(0, key.length() - ":identifier".length()) : key);
                for (String value : given) {
                    values.computeIfAbsent(name, k -> new ArrayList<>())
                            .add(byIdentifier ? identifier(name, value) : value);
                }
            });
            return new Inputs(values);
        }

        /** The IHE name of an input; 400 for one that is unknown or not supported. */
        private static String name(String given) {
            String name = ALIASES.getOrDefault(given, given);
            if (REFUSED.containsKey(name)) {
                throw SchedulingErrors.invalid(
                        BookingRefusal.INVALID_INPUT, "$find input " + given + " is refused: " + REFUSED.get(name));
            }
            if (!HONOURED.contains(name) && !FORMAT.contains(name)) {
                throw SchedulingErrors.invalid(
                        BookingRefusal.INVALID_INPUT,
                        "$find does not know the input " + given + ". Supported inputs: "
                                + String.join(", ", new TreeSet<>(HONOURED))
                                + " (Argonaut aliases: provider, location, appt-type)");
            }
            return name;
        }

        private List<Object> all(String name) {
            return values.getOrDefault(name, List.of());
        }

        Instant instant(String name) {
            List<Object> given = all(name);
            if (given.size() != 1) {
                throw SchedulingErrors.invalid(
                        BookingRefusal.INVALID_INPUT, "$find needs exactly one " + name + " (a dateTime)");
            }
            String text = given.get(0) instanceof Type type ? type.primitiveValue() : String.valueOf(given.get(0));
            try {
                DateTimeType value = new DateTimeType(text);
                return value.getValue().toInstant();
            } catch (RuntimeException e) {
                throw SchedulingErrors.invalid(
                        BookingRefusal.INVALID_INPUT,
                        name + " must be a FHIR dateTime such as 2026-03-01T09:00:00Z, got '" + text + "'");
            }
        }

        int integer(String name, int otherwise) {
            List<Object> given = all(name);
            if (given.isEmpty()) {
                return otherwise;
            }
            String text = given.get(0) instanceof Type type ? type.primitiveValue() : String.valueOf(given.get(0));
            try {
                return Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw SchedulingErrors.invalid(
                        BookingRefusal.INVALID_INPUT, name + " must be a whole number, got '" + text + "'");
            }
        }

        List<String> strings(String name) {
            List<String> strings = new ArrayList<>();
            for (Object value : all(name)) {
                String text = value instanceof Type type ? type.primitiveValue() : String.valueOf(value);
                if (text == null || text.isBlank()) {
                    throw SchedulingErrors.invalid(BookingRefusal.INVALID_INPUT, name + " must not be empty");
                }
                strings.add(text.trim());
            }
            return strings;
        }

        /** Token inputs as {@code system|code}: a string, a Coding or the first Coding of a CodeableConcept. */
        List<String> tokens(String name) {
            List<String> tokens = new ArrayList<>();
            for (Object value : all(name)) {
                Coding coding = value instanceof Coding c
                        ? c
                        : value instanceof CodeableConcept cc && cc.hasCoding() ? cc.getCodingFirstRep() : null;
                String text = coding != null
                        ? coding.getSystem() + "|" + coding.getCode()
                        : value instanceof Type type ? type.primitiveValue() : String.valueOf(value);
                int bar = text == null ? -1 : text.indexOf('|');
                if (bar <= 0 || bar == text.length() - 1) {
                    throw SchedulingErrors.invalid(
                            BookingRefusal.INVALID_INPUT,
                            name + " must be system|code (both), e.g. http://snomed.info/sct|394814009; got '" + text
                                    + "'");
                }
                tokens.add(text);
            }
            return tokens;
        }

        List<ActorInput> actors(String name, String... types) {
            List<ActorInput> actors = new ArrayList<>();
            for (Object value : all(name)) {
                actors.add(
                        value instanceof ActorInput actor ? actor.expecting(name, types) : actor(name, value, types));
            }
            return actors;
        }

        private static ActorInput actor(String name, Object value, String... types) {
            if (value instanceof Reference reference) {
                if (reference.hasReference()) {
                    return ActorInput.reference(name, reference.getReference(), types);
                }
                if (reference.hasIdentifier() && reference.getIdentifier().hasValue()) {
                    Identifier id = reference.getIdentifier();
                    return new ActorInput(null, id.getSystem(), id.getValue()).expecting(name, types);
                }
                throw SchedulingErrors.invalid(
                        BookingRefusal.INVALID_INPUT, name + " needs a reference or an identifier");
            }
            String text = value instanceof Type type ? type.primitiveValue() : String.valueOf(value);
            if (text == null || text.isBlank()) {
                throw SchedulingErrors.invalid(BookingRefusal.INVALID_INPUT, name + " must not be empty");
            }
            return ActorInput.reference(name, text.trim(), types);
        }

        private static ActorInput identifier(String name, String value) {
            int bar = value.indexOf('|');
            if (bar == value.length() - 1 || value.isBlank()) {
                throw SchedulingErrors.invalid(
                        BookingRefusal.INVALID_INPUT, name + ":identifier must be system|value, got '" + value + "'");
            }
            return bar < 0
                    ? new ActorInput(null, null, value)
                    : new ActorInput(null, bar == 0 ? null : value.substring(0, bar), value.substring(bar + 1));
        }

        Identifier identifier(String name) {
            List<Object> given = all(name);
            if (given.isEmpty()) {
                return null;
            }
            if (!(given.get(0) instanceof Identifier identifier) || !identifier.hasValue()) {
                throw SchedulingErrors.invalid(
                        BookingRefusal.INVALID_INPUT, name + " must be an Identifier (valueIdentifier) with a value");
            }
            return identifier;
        }

        /** {@code insurance-reference} (a Reference, or in a query its text) and Argonaut's {@code coverage}. */
        Insurance insurance() {
            List<Reference> references = new ArrayList<>();
            for (Object value : all("insurance-reference")) {
                if (value instanceof Reference reference) {
                    references.add(reference);
                } else {
                    String text = value instanceof Type type ? type.primitiveValue() : String.valueOf(value);
                    references.add(new Reference(text));
                }
            }
            List<Coverage> coverages = new ArrayList<>();
            for (Object value : all("coverage")) {
                if (!(value instanceof Coverage coverage)) {
                    throw SchedulingErrors.invalid(
                            BookingRefusal.INVALID_INPUT, "coverage must be a Coverage resource (Argonaut)");
                }
                coverages.add(coverage);
            }
            return Insurance.of(references, coverages);
        }

        List<Patient> patients() {
            List<Patient> patients = new ArrayList<>();
            for (Object value : all("patient-resource")) {
                if (!(value instanceof Patient patient)) {
                    throw SchedulingErrors.invalid(
                            BookingRefusal.INVALID_INPUT, "patient-resource must be a Patient resource");
                }
                patients.add(patient);
            }
            return patients;
        }
    }
}
