package org.mediwox.scheduling.waitlist;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.IdType;
import org.mediwox.plugin.access.OperationAccess;

/**
 * {@code Appointment/[id]/$waitlist}: "tell me if something earlier opens" for a booked Appointment. The contract is the
 * OperationDefinition {@code appointment-waitlist} in {@code ig/}.
 */
public class WaitlistProvider {

    private final WaitlistService waitlist;

    public WaitlistProvider(WaitlistService waitlist) {
        this.waitlist = waitlist;
    }

    /**
     * Puts the patient of the booked Appointment on the waiting list for an earlier time in the same pool; answers the
     * entry, an Appointment with status {@code waitlist} (the existing one when the patient had joined before). Leaving
     * is cancelling the entry ({@code $cancel}, or a PATCH/PUT to {@code cancelled}). See
     * OperationDefinition/appointment-waitlist.
     */
    @Operation(name = "$waitlist", type = Appointment.class, idempotent = false)
    @OperationAccess(anyOf = @OperationAccess.Grant(type = "Appointment", permission = 'c'), instanceOfPatient = true)
    public Appointment waitlist(@IdParam IdType booked, RequestDetails details) {
        return waitlist.join(booked.getIdPart(), details);
    }
}
