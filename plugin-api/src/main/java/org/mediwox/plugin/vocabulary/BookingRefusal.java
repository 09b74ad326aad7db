package org.mediwox.plugin.vocabulary;

import java.util.Optional;

/**
 * Why a booking request was refused, as a code of the IG's CodeSystem {@value #SYSTEM}: the scheduling module puts it
 * in {@code OperationOutcome.issue.details.coding} of every refusal of {@code $find}, {@code $hold}, {@code $book},
 * {@code $cancel} and of the booking rule on plain writes, next to its English {@code diagnostics}. Clients (the
 * patient app) decide by the code and say it in the patient's language; nobody parses the text. One code per reason a
 * client can act on.
 */
public enum BookingRefusal implements Coded {
    /** The Slot is already held or booked. */
    SLOT_TAKEN("slot-taken", "Slot taken"),
    /** The provider already has an active appointment at an overlapping time. */
    PROVIDER_BUSY("provider-busy", "Provider busy"),
    /** The patient already has an active appointment (held or booked) at an overlapping time. */
    PATIENT_BUSY("patient-busy", "Patient already has an appointment then"),
    /** The provider's last free Slots of that day are kept for urgent requests. */
    RESERVED_FOR_URGENT("reserved-for-urgent", "Reserved for urgent requests"),
    /** No provider of the pool has a free Slot in the window that could be booked. */
    NO_CAPACITY("no-capacity", "No free slot in the window"),
    /** No active provider matches the specialty, visit type and location asked for. */
    NO_PROVIDER("no-provider", "No provider matches"),
    /** The time window lies wholly in the past. */
    WINDOW_IN_PAST("window-in-past", "Window in the past"),
    /** The time window (or an Appointment's or Slot's times) ends before it starts. */
    WINDOW_INVALID("window-invalid", "End before start"),
    /** The hold lapsed before it was booked; find and hold a time again. */
    HOLD_EXPIRED("hold-expired", "Hold expired"),
    /** The Appointment to book is not a held ({@code pending}) one. */
    NOT_HELD("not-held", "Not on hold"),
    /** The held Appointment is held for another patient. */
    HELD_FOR_ANOTHER_PATIENT("held-for-another-patient", "Held for another patient"),
    /** A held Appointment becomes booked only through {@code $book}, not by a plain write. */
    CONFIRM_WITH_BOOK("confirm-with-book", "Confirm a hold with $book"),
    /** The Appointment is already cancelled (or no-show, entered-in-error): it cannot be cancelled, moved or revived. */
    ALREADY_CANCELLED("already-cancelled", "Already cancelled"),
    /** The Appointment to reschedule is not one of the patient being booked. */
    NOT_PATIENTS_APPOINTMENT("not-patients-appointment", "Not this patient's appointment"),
    /** A Slot set free by hand while an active Appointment holds it. */
    SLOT_IN_USE("slot-in-use", "Slot in use"),
    /** A Slot with {@code slot-capacity} above 1: one Slot takes one Appointment. */
    GROUP_SLOT("group-slot", "Group slots not supported"),
    /** The patient named is not on file. */
    UNKNOWN_PATIENT("unknown-patient", "Unknown patient"),
    /** The Slot named is not on file. */
    UNKNOWN_SLOT("unknown-slot", "Unknown slot"),
    /** The Appointment named is not on file, nor a proposal of this server. */
    UNKNOWN_APPOINTMENT("unknown-appointment", "Unknown appointment"),
    /** The Coverage an insurance input names is not on file. */
    UNKNOWN_COVERAGE("unknown-coverage", "Unknown coverage"),
    /** The Coverage an insurance input names (or gives) is not the patient's: its beneficiary is someone else. */
    NOT_PATIENTS_COVERAGE("not-patients-coverage", "Not this patient's coverage"),
    /** A {@code patient-resource}'s identifiers name several patients on file. */
    AMBIGUOUS_PATIENT("ambiguous-patient", "Several patients match"),
    /** The Idempotency-Key was already used for a different request. */
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "Idempotency-Key reused"),
    /** An overbooking reason without a clinician's token that may overbook. */
    OVERBOOKING_NOT_ALLOWED("overbooking-not-allowed", "Overbooking not allowed"),
    /** The Appointment was changed by another request meanwhile: read it again and retry. */
    CHANGED_MEANWHILE("changed-meanwhile", "Changed meanwhile"),
    /** The token does not permit the request (scope, or another patient). */
    NOT_PERMITTED("not-permitted", "Not permitted"),
    /** A malformed or unsupported input (the diagnostics name it). */
    INVALID_INPUT("invalid-input", "Invalid input");

    /** The CodeSystem, defined in {@code ig/}. */
    public static final String SYSTEM = "https://mediwox.org/fhir/CodeSystem/booking-refusal";

    private final String code;
    private final String display;

    BookingRefusal(String code, String display) {
        this.code = code;
        this.display = display;
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String display() {
        return display;
    }

    /** The refusal a coding ({@code system}, {@code code}) names, if it is one of these. */
    public static Optional<BookingRefusal> of(String system, String code) {
        return Coded.of(BookingRefusal.class, system, code);
    }
}
