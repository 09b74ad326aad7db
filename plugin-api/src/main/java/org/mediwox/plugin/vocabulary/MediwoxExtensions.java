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

    /**
     * When a hold ({@code $hold}, or a waiting-list offer) lapses, on the held ({@code pending}) Appointment; written by
     * the scheduling module, read by the notification module (how long an offer is held) and any client.
     */
    public static final String HOLD_EXPIRY = "https://mediwox.org/fhir/StructureDefinition/hold-expiry";

    /**
     * The booked Appointment a waiting-list Appointment is for: on an entry ({@code status} {@code waitlist}: the
     * patient waits for an earlier time than that booked one) and on the offer made to it (a held, {@code pending}
     * Appointment of an earlier Slot, taken by {@code $book} with {@code cancelled-appt-id} = that booked one). Written
     * by the scheduling module, read by the notification module (the offer message) and the patient app.
     */
    public static final String WAITLIST_FOR = "https://mediwox.org/fhir/StructureDefinition/waitlist-for";

    /**
     * On an Appointment booked by {@code $book} while a payer is configured: one card of the payer's CDS Hooks answer
     * ({@code appointment-book}, Da Vinci CRD) — summary, indicator, detail, source, links — kept as values for the apps
     * to show, never parsed.
     */
    public static final String PAYER_CARD = "https://mediwox.org/fhir/StructureDefinition/payer-card";

    /** On an Appointment checked with a payer: whether the payer answered, when, and which service was asked. */
    public static final String PAYER_CHECK = "https://mediwox.org/fhir/StructureDefinition/payer-check";

    /** The states of {@link #PAYER_CHECK}: {@code answered}, {@code pending} (not answered yet, retried). */
    public static final String PAYER_CHECK_STATUS = "https://mediwox.org/fhir/CodeSystem/payer-check-status";

    /** Da Vinci CRD's coverage information, as a payer's system action puts it on the order (the Appointment). */
    public static final String CRD_COVERAGE_INFORMATION =
            "http://hl7.org/fhir/us/davinci-crd/StructureDefinition/ext-coverage-information";

    /**
     * On a Schedule whose Slots Mediwox generates from availability: the length of each generated Slot (a Duration in
     * minutes); without it {@code mediwox.scheduling.generation.slot-length}. Read by the scheduling module.
     */
    public static final String SLOT_LENGTH = "https://mediwox.org/fhir/StructureDefinition/slot-length";

    /**
     * On {@code PractitionerRole.availableTime}: the Location those weekly hours are at (a role working at two sites);
     * hours without it apply at every Location of the role. Read by the scheduling module.
     */
    public static final String AVAILABILITY_LOCATION =
            "https://mediwox.org/fhir/StructureDefinition/availability-location";

    /**
     * On {@code PractitionerRole.availableTime}: the visit type those weekly hours are for (a CodeableConcept matched by
     * system and code against {@code Schedule.serviceType}), so that a role with one generated Schedule per visit type,
     * each with its own {@link #SLOT_LENGTH}, splits its week between them. Hours without it go to the role's Schedules
     * whose visit type no hours name. Read by the scheduling module.
     */
    public static final String AVAILABILITY_SERVICE_TYPE =
            "https://mediwox.org/fhir/StructureDefinition/availability-service-type";

    /**
     * On a Location: a time it is closed (complex: {@code period} a Period, {@code description} a string) — holidays;
     * R5's {@code Availability.notAvailableTime}. No Slot is generated inside it.
     */
    public static final String LOCATION_CLOSURE = "https://mediwox.org/fhir/StructureDefinition/location-closure";

    /**
     * The tag system whose code {@code generated} marks a Schedule whose Slots Mediwox generates from its
     * PractitionerRole's {@code availableTime} and {@code notAvailable} (and its Location's closures).
     */
    public static final String SCHEDULE_MANAGEMENT = "https://mediwox.org/fhir/CodeSystem/schedule-management";

    /** The code of {@link #SCHEDULE_MANAGEMENT} for a Schedule with generated Slots. */
    public static final String GENERATED = "generated";

    /** The identifier system of a generated Slot: the value is {@code {scheduleId}/{start as ISO-8601 UTC}}. */
    public static final String GENERATED_SLOT = "https://mediwox.org/fhir/generated-slot";

    private MediwoxExtensions() {}
}
