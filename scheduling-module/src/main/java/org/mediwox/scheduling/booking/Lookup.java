package org.mediwox.scheduling.booking;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Slot;
import org.mediwox.plugin.vocabulary.BookingRefusal;
import org.mediwox.scheduling.rules.SchedulingErrors;

/**
 * Reads of what a booking request names, through HAPI's DAO (so the request's own access rules apply): an id that is not
 * on file (or deleted) is a 404 whose outcome carries the refusal code of what was missing.
 */
final class Lookup {

    private Lookup() {}

    static Patient patient(DaoRegistry daoRegistry, String id, RequestDetails details) {
        return read(daoRegistry, Patient.class, "Patient", id, BookingRefusal.UNKNOWN_PATIENT, details);
    }

    static Slot slot(DaoRegistry daoRegistry, String id, RequestDetails details) {
        return read(daoRegistry, Slot.class, "Slot", id, BookingRefusal.UNKNOWN_SLOT, details);
    }

    static Appointment appointment(DaoRegistry daoRegistry, String id, RequestDetails details) {
        return read(daoRegistry, Appointment.class, "Appointment", id, BookingRefusal.UNKNOWN_APPOINTMENT, details);
    }

    private static <T extends IBaseResource> T read(
            DaoRegistry daoRegistry,
            Class<T> type,
            String typeName,
            String id,
            BookingRefusal unknown,
            RequestDetails details) {
        try {
            return daoRegistry.getResourceDao(type).read(new IdType(typeName, id), details);
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            throw SchedulingErrors.notFound(unknown, typeName + "/" + id + " is not known to this server");
        }
    }
}
