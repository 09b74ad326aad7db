package org.mediwox.scheduling.workload;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Reference;
import org.mediwox.plugin.vocabulary.CancellationReason;
import org.mediwox.plugin.vocabulary.Coded;
import org.mediwox.plugin.vocabulary.MediwoxExtensions;
import org.mediwox.scheduling.booking.BookingService;

/**
 * The workload facts of an Appointment as it is now, given its facts before this write (pure: no database, no clock of
 * its own). An Appointment has facts once it is booked ({@code booked}, {@code arrived}, {@code checked-in}, {@code
 * fulfilled}, {@code noshow}, or {@code cancelled} after it was booked) and has a start; a hold, a proposal and a
 * waiting-list entry have none, and {@code entered-in-error} removes them. One fact per PractitionerRole participant
 * (a Practitioner when it names no role), whatever the participation status: a cancellation declines every
 * participant.
 *
 * <p>What happened when stays as first recorded: the booking time, and when and by whom it was cancelled. A booking's
 * time is the write's time; only server code importing history ({@link Writer#server()}) may give {@code
 * Appointment.created} instead, and never one in the future.
 */
public final class AppointmentFacts {

    /** HL7's CodeSystem for {@code Appointment.cancelationReason}: {@code pat*} codes are the patient's reasons. */
    public static final String HL7_CANCELLATION_REASON =
            "http://terminology.hl7.org/CodeSystem/appointment-cancellation-reason";

    private static final Set<AppointmentStatus> BOOKED = Set.of(
            AppointmentStatus.BOOKED,
            AppointmentStatus.ARRIVED,
            AppointmentStatus.CHECKEDIN,
            AppointmentStatus.FULFILLED,
            AppointmentStatus.NOSHOW);

    private AppointmentFacts() {}

    /**
     * Who wrote the Appointment.
     *
     * @param patient a token acting for one patient (a patient's own cancellation)
     * @param server server code, not a client (may import history with its {@code created} time)
     */
    public record Writer(boolean patient, boolean server) {

        public static final Writer CLINIC = new Writer(false, false);
    }

    /** The facts of {@code appointment} as written at {@code now}, given its facts before the write. */
    public static List<Fact> of(
            Appointment appointment, Collection<Fact> before, Instant now, ZoneId zone, Writer writer) {
        AppointmentStatus status = appointment.getStatus();
        if (status == null
                || status == AppointmentStatus.NULL
                || status == AppointmentStatus.ENTEREDINERROR
                || !appointment.hasStart()) {
            return List.of();
        }
        boolean cancelled = status == AppointmentStatus.CANCELLED;
        if (!BOOKED.contains(status) && !(cancelled && !before.isEmpty())) {
            return List.of(); // never booked: a hold, a proposal, a waiting-list entry, a cancelled hold
        }
        List<String> providers = providers(appointment);
        if (providers.isEmpty()) {
            return List.of();
        }
        String id = appointment.getIdElement().getIdPart();
        Map<String, Fact> previous = before.stream().collect(Collectors.toMap(Fact::provider, Function.identity()));
        Fact earlier = before.stream().findFirst().orElse(null);
        Instant start = appointment.getStart().toInstant();
        int minutes = appointment.hasEnd()
                ? (int) Math.max(
                        0,
                        Duration.between(start, appointment.getEnd().toInstant())
                                .toMinutes())
                : 0;
        Explained explained = explained(appointment);
        String location = firstOf(appointment, "Location").orElse("");
        boolean urgent = appointment.hasPriority() && appointment.getPriority() == BookingService.URGENT_PRIORITY;
        String movedFrom = rescheduledFrom(appointment);

        List<Fact> facts = new ArrayList<>();
        for (String provider : providers) {
            Fact prior = previous.getOrDefault(provider, earlier);
            Instant bookedAt = prior != null ? prior.bookedAt() : bookingTime(appointment, now, writer);
            long lead = Duration.between(bookedAt, start).toMinutes();
            Instant cancelledAt = null;
            String cancelledBy = null;
            boolean rescheduled = false;
            if (cancelled && prior != null && prior.cancelledAt() != null) {
                cancelledAt = prior.cancelledAt();
                cancelledBy = prior.cancelledBy();
                rescheduled = prior.rescheduled();
            } else if (cancelled) {
                cancelledAt = now;
                Cancelled why = cancelledWhy(appointment, writer);
                cancelledBy = why.by();
                rescheduled = why.rescheduled();
            }
            facts.add(new Fact(
                    id,
                    provider,
                    location,
                    explained.pool(),
                    explained.method(),
                    status.toCode(),
                    start,
                    minutes,
                    LocalDate.ofInstant(start, zone),
                    urgent,
                    bookedAt,
                    lead < 0 ? null : (int) Math.min(Integer.MAX_VALUE, lead),
                    cancelledAt,
                    cancelledBy,
                    rescheduled,
                    movedFrom));
        }
        return facts;
    }

    /**
     * The facts of a stored Appointment whose writes the read model did not see (a database from before it, or a
     * rebuild): booked at its {@code created} time (else its last update), and a cancelled one taken to have been booked
     * before, unless Mediwox cancelled it as a lapsed hold or an ended waiting-list entry (those were never visits).
     * Cancelled at its last update.
     */
    public static List<Fact> recorded(Appointment appointment, ZoneId zone) {
        Instant updated = appointment.getMeta().hasLastUpdated()
                ? appointment.getMeta().getLastUpdated().toInstant()
                : appointment.hasCreated() ? appointment.getCreated().toInstant() : Instant.EPOCH;
        Writer server = new Writer(false, true);
        List<Fact> before = List.of();
        if (appointment.getStatus() == AppointmentStatus.CANCELLED && !cancelledByMediwox(appointment)) {
            Appointment booked = appointment.copy();
            booked.setStatus(AppointmentStatus.BOOKED);
            before = of(booked, List.of(), updated, zone, server);
        }
        return of(appointment, before, updated, zone, server);
    }

    private static boolean cancelledByMediwox(Appointment appointment) {
        return appointment.getCancelationReason().getCoding().stream()
                .map(c -> Coded.of(CancellationReason.class, c.getSystem(), c.getCode()))
                .flatMap(Optional::stream)
                .anyMatch(r -> r != CancellationReason.RESCHEDULED);
    }

    /** PractitionerRole participants; Practitioner participants only when there is no role. */
    static List<String> providers(Appointment appointment) {
        List<String> roles = references(appointment, "PractitionerRole");
        return roles.isEmpty() ? references(appointment, "Practitioner") : roles;
    }

    private static List<String> references(Appointment appointment, String type) {
        return appointment.getParticipant().stream()
                .map(p -> p.getActor().getReferenceElement())
                .filter(ref -> type.equals(ref.getResourceType()) && ref.hasIdPart())
                .map(ref -> type + "/" + ref.getIdPart())
                .distinct()
                .toList();
    }

    private static Optional<String> firstOf(Appointment appointment, String type) {
        return appointment.getParticipant().stream()
                .map(p -> p.getActor().getReferenceElement())
                .filter(ref -> type.equals(ref.getResourceType()) && ref.hasIdPart())
                .map(IIdType::getIdPart)
                .findFirst();
    }

    private static Instant bookingTime(Appointment appointment, Instant now, Writer writer) {
        if (writer.server() && appointment.hasCreated()) {
            Instant created = appointment.getCreated().toInstant();
            return created.isAfter(now) ? now : created;
        }
        return now;
    }

    private record Explained(String pool, String method) {}

    private static Explained explained(Appointment appointment) {
        Extension explanation = appointment.getExtensionByUrl(MediwoxExtensions.ASSIGNMENT_EXPLANATION);
        if (explanation == null) {
            return new Explained("", null);
        }
        String pool = value(explanation, "pool");
        String method = value(explanation, "method");
        return new Explained(pool == null ? "" : pool, pool == null ? null : method);
    }

    private static String value(Extension parent, String url) {
        Extension child = parent.getExtensionByUrl(url);
        return child == null || child.getValue() == null
                ? null
                : child.getValue().primitiveValue();
    }

    private static String rescheduledFrom(Appointment appointment) {
        Extension moved = appointment.getExtensionByUrl(MediwoxExtensions.RESCHEDULED_FROM);
        if (moved != null && moved.getValue() instanceof Reference reference) {
            IIdType id = reference.getReferenceElement();
            return id.hasIdPart() ? id.getIdPart() : null;
        }
        return null;
    }

    private record Cancelled(String by, boolean rescheduled) {}

    /**
     * Who cancelled, by the reason's code: Mediwox's {@code rescheduled} is a move, not a cancellation; its other codes
     * (a lapsed hold, an ended waiting-list entry) are no cancellation of a visit; HL7's {@code pat*} codes are the
     * patient's, its other codes the clinic's; without a code, a patient's token is the patient, anyone else the clinic.
     */
    private static Cancelled cancelledWhy(Appointment appointment, Writer writer) {
        for (Coding coding : appointment.getCancelationReason().getCoding()) {
            Optional<CancellationReason> own = Coded.of(CancellationReason.class, coding.getSystem(), coding.getCode());
            if (own.isPresent()) {
                return own.get() == CancellationReason.RESCHEDULED
                        ? new Cancelled(null, true)
                        : new Cancelled(null, false);
            }
            if (HL7_CANCELLATION_REASON.equals(coding.getSystem()) && coding.hasCode()) {
                return new Cancelled(coding.getCode().startsWith("pat") ? "patient" : "clinic", false);
            }
        }
        return new Cancelled(writer.patient() ? "patient" : "clinic", false);
    }
}
