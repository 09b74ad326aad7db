package org.mediwox.plugin.vocabulary;

import java.util.Optional;

/**
 * Why a write by a member of the clinic's staff (a practitioner's {@code user/} token) was refused by the staff rules,
 * as a code of the IG's CodeSystem {@value #SYSTEM}: the scheduling module puts it in {@code
 * OperationOutcome.issue.details.coding} next to {@link BookingRefusal#NOT_PERMITTED} and the English {@code
 * diagnostics} of the 403. Clients decide by the code; nobody parses the text.
 */
public enum StaffRefusal implements Coded {
    /** The Appointment is at a Location none of the practitioner's active roles is at (nor, for a manager, in their Organizations). */
    NOT_AT_STAFF_LOCATION("not-at-staff-location", "Not at one of your locations"),
    /**
     * The Appointment names no Location, nor a Slot or PractitionerRole that has one; or the availability a manager
     * writes names neither a Location nor an Organization (directly or through its Schedule or PractitionerRole): where
     * it is cannot be checked.
     */
    PLACE_UNKNOWN("place-unknown", "Location unknown"),
    /** Availability (Schedules, Slots, Location closures, PractitionerRoles) is edited by managers only. */
    MANAGER_ONLY("manager-only", "Managers only"),
    /**
     * A manager's write of availability that belongs — before or after the change — neither to a Location of their
     * active roles nor to an Organization of their manager roles: another clinic's managers edit it.
     */
    NOT_IN_MANAGED_PLACES("not-in-managed-places", "Outside the places you manage");

    /** The CodeSystem, defined in {@code ig/}. */
    public static final String SYSTEM = "https://mediwox.org/fhir/CodeSystem/staff-refusal";

    private final String code;
    private final String display;

    StaffRefusal(String code, String display) {
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
    public static Optional<StaffRefusal> of(String system, String code) {
        return Coded.of(StaffRefusal.class, system, code);
    }
}
