package org.mediwox.scheduling.workload;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.StringType;
import org.mediwox.plugin.access.OperationAccess;
import org.mediwox.plugin.access.RequestUser;
import org.mediwox.plugin.vocabulary.BookingRefusal;
import org.mediwox.scheduling.rules.SchedulingErrors;

/**
 * {@code $workload}: the workload figures of a period as summary MeasureReports (or CSV with {@code _format=text/csv}
 * or {@code Accept: text/csv}) — for the whole clinic ({@code [base]/$workload}), for providers ({@code
 * PractitionerRole/$workload}) or one provider ({@code PractitionerRole/[id]/$workload}). Thin: inputs to a {@link
 * WorkloadQuery.Selection}, {@link WorkloadService} decides what the caller may see, {@link WorkloadReport} renders.
 */
public class WorkloadProvider {

    private final WorkloadService service;
    private final Clock clock;

    public WorkloadProvider(WorkloadService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    @Operation(name = "$workload", idempotent = true)
    @Description(shortDefinition = "Workload and fairness figures of the clinic's providers and pools")
    @OperationAccess(
            anyOf =
                    @OperationAccess.Grant(
                            type = "Appointment",
                            permission = 's',
                            scopes = OperationAccess.Scopes.BEYOND_PATIENT))
    public IBaseResource clinic(
            @OperationParam(name = "start", min = 1) DateType start,
            @OperationParam(name = "end", min = 1) DateType end,
            @OperationParam(name = "grouping") CodeType grouping,
            @OperationParam(name = "pool") List<StringType> pool,
            @OperationParam(name = "practitioner-role") List<StringType> roles,
            @OperationParam(name = "location") List<StringType> locations,
            @OperationParam(name = "level") List<CodeType> levels,
            RequestDetails details) {
        return answer(start, end, grouping, pool, references(roles, "PractitionerRole"), locations, levels, details);
    }

    @Operation(name = "$workload", type = PractitionerRole.class, idempotent = true)
    @Description(shortDefinition = "Workload figures of providers (PractitionerRoles) and their pools")
    @OperationAccess(
            anyOf =
                    @OperationAccess.Grant(
                            type = "Appointment",
                            permission = 's',
                            scopes = OperationAccess.Scopes.BEYOND_PATIENT))
    public IBaseResource providers(
            @IdParam(optional = true) IdType instance,
            @OperationParam(name = "start", min = 1) DateType start,
            @OperationParam(name = "end", min = 1) DateType end,
            @OperationParam(name = "grouping") CodeType grouping,
            @OperationParam(name = "pool") List<StringType> pool,
            @OperationParam(name = "practitioner-role") List<StringType> roles,
            @OperationParam(name = "location") List<StringType> locations,
            @OperationParam(name = "level") List<CodeType> levels,
            RequestDetails details) {
        Set<String> providers = references(roles, "PractitionerRole");
        if (instance != null && instance.hasIdPart()) {
            if (providers != null) {
                throw SchedulingErrors.invalid(
                        BookingRefusal.INVALID_INPUT,
                        "PractitionerRole/[id]/$workload reports on that role: leave out practitioner-role");
            }
            providers = Set.of("PractitionerRole/" + instance.getIdPart());
        }
        return answer(start, end, grouping, pool, providers, locations, levels, details);
    }

    private IBaseResource answer(
            DateType start,
            DateType end,
            CodeType grouping,
            List<StringType> pool,
            Set<String> providers,
            List<StringType> locations,
            List<CodeType> levels,
            RequestDetails details) {
        Set<WorkloadQuery.Level> asked = levels(levels);
        WorkloadQuery.Selection selection;
        try {
            selection = new WorkloadQuery.Selection(
                    day("start", start),
                    day("end", end),
                    WorkloadQuery.Grain.of(grouping == null || !grouping.hasValue() ? "week" : grouping.getValue()),
                    providers,
                    pool == null ? Set.of() : strings(pool),
                    locations == null ? Set.of() : ids(references(locations, "Location")));
        } catch (IllegalArgumentException e) {
            throw SchedulingErrors.invalid(BookingRefusal.INVALID_INPUT, e.getMessage());
        }
        WorkloadReport.Figures figures = service.figures(
                        selection, RequestUser.of(details.getUserData()).orElse(null), asked)
                .only(asked);
        if (wantsCsv(details)) {
            Binary csv = new Binary().setContentType("text/csv; charset=utf-8");
            csv.setContent(WorkloadReport.csv(figures).getBytes(StandardCharsets.UTF_8));
            return csv;
        }
        details.getUserData().put(JsonAnswer.FIGURES, figures); // JSON is written from these (JsonAnswer)
        return WorkloadReport.bundle(figures, Date.from(clock.instant()));
    }

    /** {@code level}: provider, pool, total (several, or comma-separated); none given means all three. */
    private static Set<WorkloadQuery.Level> levels(List<CodeType> levels) {
        Set<WorkloadQuery.Level> result = java.util.EnumSet.noneOf(WorkloadQuery.Level.class);
        if (levels != null) {
            for (CodeType level : levels) {
                if (!level.hasValue()) {
                    continue;
                }
                for (String code : level.getValue().split(",")) {
                    switch (code.trim()) {
                        case "provider" -> result.add(WorkloadQuery.Level.PROVIDER);
                        case "pool" -> result.add(WorkloadQuery.Level.POOL);
                        case "total" -> result.add(WorkloadQuery.Level.TOTAL);
                        default ->
                            throw SchedulingErrors.invalid(
                                    BookingRefusal.INVALID_INPUT,
                                    "level must be provider, pool or total, was " + code.trim());
                    }
                }
            }
        }
        return result.isEmpty() ? java.util.EnumSet.allOf(WorkloadQuery.Level.class) : result;
    }

    private static boolean wantsCsv(RequestDetails details) {
        String[] format = details.getParameters().get("_format");
        if (format != null && format.length > 0) {
            return format[0].startsWith("text/csv") || format[0].equals("csv");
        }
        String accept = details.getHeader("Accept");
        if (accept == null) {
            return false;
        }
        for (String type : accept.split(",")) {
            if (type.trim().startsWith("text/csv")) {
                return true;
            }
        }
        return false;
    }

    private static LocalDate day(String name, DateType value) {
        if (value == null || value.getValueAsString() == null) {
            throw new IllegalArgumentException(name + " is required: a clinic-local date (YYYY-MM-DD)");
        }
        try {
            return LocalDate.parse(value.getValueAsString());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    name + " must be a whole date (YYYY-MM-DD), was " + value.getValueAsString());
        }
    }

    private static Set<String> strings(List<StringType> values) {
        Set<String> strings = new LinkedHashSet<>();
        values.stream().filter(StringType::hasValue).forEach(v -> strings.add(v.getValue()));
        return strings;
    }

    /**
     * {@code Type/id} of each reference given as text (null when none was given): query parameters carry only text, so
     * the inputs are strings in both GET and POST. Another type is refused.
     */
    private static Set<String> references(List<StringType> references, String type) {
        if (references == null || references.stream().noneMatch(StringType::hasValue)) {
            return null;
        }
        Set<String> result = new LinkedHashSet<>();
        for (StringType reference : references) {
            IdType id = new IdType(reference.getValue());
            if (!id.hasIdPart() || !type.equals(id.getResourceType())) {
                throw SchedulingErrors.invalid(
                        BookingRefusal.INVALID_INPUT,
                        "Expected a reference to a " + type + " (" + type + "/[id]), got " + reference.getValue());
            }
            result.add(type + "/" + id.getIdPart());
        }
        return result;
    }

    private static Set<String> ids(Set<String> references) {
        if (references == null) {
            return Set.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        references.forEach(r -> ids.add(r.substring(r.indexOf('/') + 1)));
        return ids;
    }
}
