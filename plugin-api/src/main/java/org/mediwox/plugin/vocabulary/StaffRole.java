package org.mediwox.plugin.vocabulary;

/**
 * What a member of the clinic's staff does there, as a code of the IG's CodeSystem {@value #SYSTEM} in {@code
 * PractitionerRole.code} of one of their active roles. Roles are data the clinic edits in FHIR, not scopes an issuer
 * hands out: the scheduling module reads them to decide what a practitioner's token may see ({@code $workload}).
 */
public enum StaffRole implements Coded {
    /** Sees and works their own schedule; their pools' figures with colleagues unnamed. */
    CLINICIAN("clinician", "Clinician"),
    /** Books for patients at their locations. */
    FRONT_DESK("front-desk", "Front desk"),
    /** Sees every provider's figures by name and edits availability. */
    MANAGER("manager", "Manager");

    /** The CodeSystem, defined in {@code ig/}. */
    public static final String SYSTEM = "https://mediwox.org/fhir/CodeSystem/staff-role";

    private final String code;
    private final String display;

    StaffRole(String code, String display) {
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
}
