package org.mediwox.scheduling.staff;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.mediwox.plugin.access.RequestUser;
import org.mediwox.plugin.vocabulary.BookingRefusal;
import org.mediwox.scheduling.rules.SchedulingErrors;

/**
 * The {@link StaffRules} on every write a practitioner's token makes — plain REST, conditional writes, transaction and
 * batch entries, JSON Patch, and the writes of {@code $book}, {@code $hold} and {@code $cancel} — before anything is
 * stored (HAPI's {@code STORAGE_PRESTORAGE_RESOURCE_*} hooks), on the stored version and the new one alike: an
 * Appointment or availability moved out of a member's places is refused as one moved into another's. A refusal in a
 * transaction Bundle undoes the whole Bundle. A refusal is a 403 OperationOutcome, issue {@code
 * forbidden}, coded {@code booking-refusal#not-permitted} and with the {@code staff-refusal} code. Requests of patients,
 * back ends and the server itself (no practitioner on the request) pass untouched.
 */
@Interceptor
public class StaffRulesInterceptor {

    private final StaffDirectory directory;
    private final StaffPlaces places;

    public StaffRulesInterceptor(StaffDirectory directory, DaoRegistry daoRegistry) {
        this.directory = directory;
        this.places = new StaffPlaces(daoRegistry);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void created(IBaseResource resource, RequestDetails request) {
        check(request, null, resource);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource updated, RequestDetails request) {
        check(request, previous, updated);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
    public void deleted(IBaseResource resource, RequestDetails request) {
        check(request, resource, null);
    }

    private void check(RequestDetails request, IBaseResource before, IBaseResource after) {
        IBaseResource written = after != null ? after : before;
        if (!governed(written) || request == null) {
            return;
        }
        Optional<String> practitioner = RequestUser.of(request.getUserData())
                .filter(user -> user.kind() == RequestUser.Kind.PRACTITIONER)
                .flatMap(RequestUser::practitionerId);
        if (practitioner.isEmpty()) {
            return;
        }
        StaffMember member = directory.member(request, practitioner.get());
        decide(member, before, after).ifPresent(refusal -> {
            throw refused(refusal);
        });
    }

    private static boolean governed(IBaseResource resource) {
        return resource instanceof Appointment
                || resource instanceof Schedule
                || resource instanceof Slot
                || resource instanceof Location
                || resource instanceof PractitionerRole;
    }

    private Optional<StaffRules.Refusal> decide(StaffMember member, IBaseResource before, IBaseResource after) {
        IBaseResource written = after != null ? after : before;
        String reference = written.getIdElement().hasIdPart()
                ? written.fhirType() + "/" + written.getIdElement().getIdPart()
                : "the new " + written.fhirType();
        if (written instanceof Appointment) {
            return appointment(member, reference, (Appointment) before, (Appointment) after);
        }
        if (written instanceof PractitionerRole) {
            return StaffRules.role(member, (PractitionerRole) before, (PractitionerRole) after, places::ofAvailability);
        }
        if (written instanceof Location) {
            return StaffRules.location(member, (Location) before, (Location) after, places::ofAvailability);
        }
        return StaffRules.availability(member, reference, before, after, places::ofAvailability);
    }

    /** Both versions must be at one of the member's places: moving an Appointment away needs rights at both ends. */
    private Optional<StaffRules.Refusal> appointment(
            StaffMember member, String reference, Appointment before, Appointment after) {
        boolean manager = member.isManager();
        if (after != null) {
            Optional<StaffRules.Refusal> refusal = StaffRules.appointment(member, reference, places.of(after, manager));
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        if (before != null) {
            Place was = places.of(before, manager);
            if (was.known() || after == null) {
                return StaffRules.appointment(member, reference, was);
            }
        }
        return Optional.empty();
    }

    private static ForbiddenOperationException refused(StaffRules.Refusal refusal) {
        ForbiddenOperationException forbidden =
                SchedulingErrors.forbidden(BookingRefusal.NOT_PERMITTED, refusal.message());
        ((OperationOutcome) forbidden.getOperationOutcome())
                .getIssueFirstRep()
                .getDetails()
                .addCoding(new Coding(
                        refusal.reason().system(),
                        refusal.reason().code(),
                        refusal.reason().display()));
        return forbidden;
    }
}
