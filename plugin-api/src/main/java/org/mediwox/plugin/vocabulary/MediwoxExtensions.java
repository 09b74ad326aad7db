package org.mediwox.plugin.vocabulary;

/**
 * The canonical URLs of the IG's extensions that one module writes and another reads (defined in {@code ig/}, checked
 * there against the published StructureDefinitions).
 */
public final class MediwoxExtensions {

    /**
     * How a pool booking chose its provider (complex: method, pool, turn, position, assigned, skipped); written by the
     * scheduling module, read by the patient app and the validation rules.
     */
    public static final String ASSIGNMENT_EXPLANATION =
            "https://mediwox.org/fhir/StructureDefinition/assignment-explanation";

    /** The reason a clinician gives for booking an Appointment over the rule (see {@code booking.Overbooking}). */
    public static final String OVERBOOKING = "https://mediwox.org/fhir/StructureDefinition/overbooking";

    /**
     * On an Appointment booked by a reschedule ({@code $book} with {@code cancelled-appt-id}): a Reference to the
     * Appointment it moved, which was cancelled with reason {@code rescheduled} in the same transaction. R4 has no
     * element for this (R5's {@code Appointment.previousAppointment} is the same idea); written by the scheduling
     * module, read by the patient app ("Moved") and any client.
     */
    public static final String RESCHEDULED_FROM = "https://mediwox.org/fhir/StructureDefinition/rescheduled-from";

    private MediwoxExtensions() {}
}
