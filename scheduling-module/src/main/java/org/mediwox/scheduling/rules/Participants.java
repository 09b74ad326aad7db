package org.mediwox.scheduling.rules;

import org.hl7.fhir.r4.model.Appointment;

/** Who takes part in an Appointment, as the booking, the payer check and the waitlist read it. */
public final class Participants {

    private Participants() {}

    /** The id of the Appointment's first Patient participant; null when it names none. */
    public static String patientOf(Appointment appointment) {
        return appointment.getParticipant().stream()
                .map(p -> p.getActor().getReferenceElement())
                .filter(ref -> "Patient".equals(ref.getResourceType()))
                .map(ref -> ref.getIdPart())
                .findFirst()
                .orElse(null);
    }
}
