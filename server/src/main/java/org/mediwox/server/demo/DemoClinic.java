package org.mediwox.server.demo;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem;
import org.hl7.fhir.r4.model.ContactPoint.ContactPointUse;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Schedule;
import org.mediwox.plugin.vocabulary.MediwoxExtensions;
import org.mediwox.plugin.vocabulary.StaffRole;

/**
 * The demo clinic as one FHIR transaction: an Organization with a time zone, two Locations, two provider pools (five
 * general practitioners, three dermatologists) as PractitionerRoles with specialty codes, two members of the staff
 * who are no providers (Sam Rivera, front desk at Mediwox North; Noor Haddad, the clinic's manager), and demo Patients
 * with contact points and languages, each with a prescription (a small PDF). No Slots: each provider's role carries weekly
 * working hours ({@code availableTime}, see {@link DemoHours}), the Locations carry the public holidays as closures, and
 * each Schedule is tagged {@code schedule-management|generated} with its visit type ({@code serviceType}) and Slot length,
 * so the scheduling module generates the free Slots ({@link DemoDataLoader} runs it once at the end of the load).
 */
final class DemoClinic {

    static final String IDENTIFIER_SYSTEM = "https://mediwox.org/fhir/demo";
    static final String CLINIC_IDENTIFIER = "clinic";
    static final String TIMEZONE_EXTENSION = "http://hl7.org/fhir/StructureDefinition/timezone";
    static final String SNOMED = "http://snomed.info/sct";
    static final CodeableConcept GENERAL_PRACTICE =
            new CodeableConcept().addCoding(new Coding(SNOMED, "394814009", "General practice"));
    static final CodeableConcept DERMATOLOGY =
            new CodeableConcept().addCoding(new Coding(SNOMED, "394582007", "Dermatology"));
    /** The visit type of every demo Schedule (SNOMED CT: Consultation). */
    static final CodeableConcept CONSULTATION =
            new CodeableConcept().addCoding(new Coding(SNOMED, "11429006", "Consultation"));
    // the hours and Slot length of the demo history's past weeks (HistoryPlanner), which predate the availability rules
    static final LocalTime OPENS = LocalTime.of(9, 0);
    static final LocalTime CLOSES = LocalTime.of(17, 0);
    static final Duration SLOT_LENGTH = Duration.ofMinutes(30);

    // family, given, gender, languages spoken (BCP-47, as Practitioner.communication)
    private static final List<String[]> GENERAL_PRACTITIONERS = List.of(
            new String[] {"Okafor", "Amara", "female", "en,fr"},
            new String[] {"Fernández", "Luis", "male", "es,en"},
            new String[] {"Weber", "Hannah", "female", "de,en"},
            new String[] {"Watanabe", "Kenji", "male", "ja,en"},
            new String[] {"Nair", "Priya", "female", "en,hi"});
    private static final List<String[]> DERMATOLOGISTS = List.of(
            new String[] {"Rossi", "Sofia", "female", "it,en,es"},
            new String[] {"Cohen", "Daniel", "male", "en,he"},
            new String[] {"Petrova", "Elena", "female", "ru,en"});
    // family, given, gender, language, email, phone
    /** Mediwox's document categories: prescription, report, attachment. */
    static final String DOCUMENT_CATEGORY_SYSTEM = "https://mediwox.org/fhir/CodeSystem/document-category";

    private static final List<String[]> PATIENTS = List.of(
            new String[] {"García", "Ana", "female", "es", "ana.garcia@example.org", "+34612345678"},
            new String[] {"Smith", "John", "male", "en", "john.smith@example.org", "+12025550143"},
            new String[] {"López", "María", "female", "es", "maria.lopez@example.org", "+5215512345678"},
            new String[] {"Chen", "Emily", "female", "en", "emily.chen@example.org", "+12025550178"});

    // given, gender, birth date, index of the parent in PATIENTS, the parent's relationship (v3 RoleCode)
    private static final List<String[]> CHILDREN = List.of(
            new String[] {"Lily", "female", "2019-04-12", "1", "FTH"},
            new String[] {"Max", "male", "2021-09-30", "1", "FTH"});

    /**
     * One provider of the demo clinic, by the identifier values the loader gives it ({@code role-<key>}, {@code
     * schedule-<key>}, {@code practitioner-<key>}, {@code location-<location>}).
     */
    record Provider(String key, String pool, CodeableConcept specialty, String location) {}

    /** The demo clinic's providers, pool by pool, in their order in the data set. */
    static List<Provider> providers() {
        List<Provider> providers = new java.util.ArrayList<>();
        for (int i = 0; i < GENERAL_PRACTITIONERS.size(); i++) {
            providers.add(new Provider("gp-" + (i + 1), "gp", GENERAL_PRACTICE, "main"));
        }
        for (int i = 0; i < DERMATOLOGISTS.size(); i++) {
            providers.add(new Provider("derm-" + (i + 1), "derm", DERMATOLOGY, "north"));
        }
        return List.copyOf(providers);
    }

    private final ZoneId zone;
    private final LocalDate firstDay;
    private final Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);

    private DemoClinic(ZoneId zone, LocalDate today) {
        this.zone = zone;
        this.firstDay = today.plusDays(1);
    }

    /** The demo data set for a clinic in {@code zone}, loaded on {@code today}. */
    static DemoClinic build(ZoneId zone, LocalDate today) {
        DemoClinic clinic = new DemoClinic(zone, today);
        clinic.populate();
        return clinic;
    }

    Bundle transaction() {
        return bundle;
    }

    private void populate() {
        Organization clinic = new Organization();
        clinic.addIdentifier().setSystem(IDENTIFIER_SYSTEM).setValue(CLINIC_IDENTIFIER);
        clinic.setName("Mediwox Demo Clinic").setActive(true);
        clinic.addExtension(TIMEZONE_EXTENSION, new CodeType(zone.getId()));
        clinic.addTelecom().setSystem(ContactPointSystem.PHONE).setValue("+12025550100");
        String clinicRef = add(clinic, "Organization");

        String main = add(location("main", "Mediwox Main Street", "100 Main Street", clinicRef), "Location");
        String north = add(location("north", "Mediwox North", "8 Harbor Road", clinicRef), "Location");

        addPool("gp", GENERAL_PRACTITIONERS, GENERAL_PRACTICE, main, clinicRef);
        addPool("derm", DERMATOLOGISTS, DERMATOLOGY, north, clinicRef);
        addStaff("front-desk-north", "Rivera", "Sam", StaffRole.FRONT_DESK, north, clinicRef);
        addStaff("manager", "Haddad", "Noor", StaffRole.MANAGER, null, clinicRef);

        String[] parentRefs = new String[PATIENTS.size()];
        for (int i = 0; i < PATIENTS.size(); i++) {
            parentRefs[i] = add(patient(i, PATIENTS.get(i)), "Patient");
            add(prescription(PATIENTS.get(i), parentRefs[i]), "DocumentReference");
        }
        for (int i = 0; i < CHILDREN.size(); i++) {
            String[] child = CHILDREN.get(i);
            String[] parent = PATIENTS.get(Integer.parseInt(child[3]));
            String childRef = add(child(PATIENTS.size() + i, child, parent), "Patient");
            add(caregiver(parent, child[4], childRef), "RelatedPerson");
        }
    }

    /**
     * A child of one of the demo patients, without contact points of its own: its parent signs in with the parent's
     * e-mail and chooses whom the app acts for (SMART's patient picker), as a proxy through a RelatedPerson.
     */
    private Patient child(int index, String[] data, String[] parent) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(IDENTIFIER_SYSTEM).setValue("patient-" + (index + 1));
        patient.setActive(true);
        patient.addName().setFamily(parent[0]).addGiven(data[0]);
        patient.setGender(AdministrativeGender.fromCode(data[1]));
        patient.setBirthDate(
                Date.from(LocalDate.parse(data[2]).atStartOfDay(zone).toInstant()));
        patient.addCommunication()
                .setPreferred(true)
                .setLanguage(new CodeableConcept().addCoding(new Coding("urn:ietf:bcp:47", parent[3], null)));
        return patient;
    }

    /** The parent as the child's RelatedPerson: a proxy relationship (v3 RoleCode), reachable by the parent's e-mail. */
    private RelatedPerson caregiver(String[] parent, String relationship, String childRef) {
        RelatedPerson person = new RelatedPerson();
        person.setActive(true);
        person.setPatient(new Reference(childRef));
        person.addRelationship(new CodeableConcept()
                .addCoding(new Coding("http://terminology.hl7.org/CodeSystem/v3-RoleCode", relationship, null)));
        person.addName().setFamily(parent[0]).addGiven(parent[1]);
        person.addTelecom()
                .setSystem(ContactPointSystem.EMAIL)
                .setValue(parent[4])
                .setUse(ContactPointUse.HOME);
        person.addTelecom()
                .setSystem(ContactPointSystem.PHONE)
                .setValue(parent[5])
                .setUse(ContactPointUse.MOBILE);
        return person;
    }

    /** A signed-off prescription as a PDF, so a patient app has a document to list and download. */
    private DocumentReference prescription(String[] patient, String patientRef) {
        String name = patient[1] + " " + patient[0];
        boolean spanish = patient[3].equals("es");
        byte[] pdf = DemoPdf.of(List.of(
                "Mediwox Demo Clinic - " + (spanish ? "Receta" : "Prescription"),
                "",
                (spanish ? "Paciente: " : "Patient: ") + name,
                (spanish ? "Fecha: " : "Date: ") + firstDay.minusDays(8),
                "",
                "Ibuprofen 400 mg - 1 tablet every 8 hours with food, 5 days",
                "",
                "Dr. Amara Okafor, General Practice"));
        DocumentReference document = new DocumentReference();
        document.addIdentifier().setSystem(IDENTIFIER_SYSTEM).setValue("prescription-" + patient[4]);
        document.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        document.setType(new CodeableConcept()
                .addCoding(new Coding("http://loinc.org", "57833-6", "Prescription for medication")));
        document.addCategory(
                new CodeableConcept().addCoding(new Coding(DOCUMENT_CATEGORY_SYSTEM, "prescription", "Prescription")));
        document.setSubject(new Reference(patientRef));
        document.setDate(
                Date.from(firstDay.minusDays(8).atTime(10, 30).atZone(zone).toInstant()));
        document.setDescription(spanish ? "Receta de ibuprofeno" : "Ibuprofen prescription");
        document.addContent()
                .setAttachment(new Attachment()
                        .setContentType("application/pdf")
                        .setLanguage(patient[3])
                        .setTitle(spanish ? "receta.pdf" : "prescription.pdf")
                        .setData(pdf));
        return document;
    }

    private Location location(String key, String name, String line, String clinicRef) {
        Location location = new Location();
        location.addIdentifier().setSystem(IDENTIFIER_SYSTEM).setValue("location-" + key);
        location.setName(name).setStatus(Location.LocationStatus.ACTIVE);
        location.getAddress()
                .addLine(line)
                .setCity("Springfield")
                .setState("IL")
                .setPostalCode("62701")
                .setCountry("US");
        location.addTelecom().setSystem(ContactPointSystem.PHONE).setValue("+12025550100"); // SMART Scheduling Links
        location.setManagingOrganization(new Reference(clinicRef));
        location.addExtension(TIMEZONE_EXTENSION, new CodeType(zone.getId()));
        DemoHours.addHolidayClosures(location, firstDay.minusDays(1));
        return location;
    }

    private void addPool(
            String pool, List<String[]> members, CodeableConcept specialty, String location, String clinicRef) {
        for (int i = 0; i < members.size(); i++) {
            String[] member = members.get(i);
            String key = pool + "-" + (i + 1);
            Practitioner practitioner = new Practitioner();
            practitioner.addIdentifier().setSystem(IDENTIFIER_SYSTEM).setValue("practitioner-" + key);
            practitioner
                    .setActive(true)
                    .addName()
                    .setFamily(member[0])
                    .addGiven(member[1])
                    .addPrefix("Dr.");
            practitioner.setGender(AdministrativeGender.fromCode(member[2]));
            for (String language : member[3].split(",")) {
                practitioner.addCommunication(new CodeableConcept()
                        .addCoding(new Coding(
                                "urn:ietf:bcp:47",
                                language,
                                java.util.Locale.forLanguageTag(language)
                                        .getDisplayLanguage(java.util.Locale.ENGLISH))));
            }
            // demo clinicians log in to the built-in authorization server with this address (EHR launch)
            practitioner
                    .addTelecom()
                    .setSystem(ContactPointSystem.EMAIL)
                    .setValue(ascii(member[1] + "." + member[0]).toLowerCase(java.util.Locale.ROOT)
                            + "@clinic.example.org");
            String practitionerRef = add(practitioner, "Practitioner");

            PractitionerRole role = new PractitionerRole();
            role.addIdentifier().setSystem(IDENTIFIER_SYSTEM).setValue("role-" + key);
            role.setActive(true);
            role.setPractitioner(new Reference(practitionerRef).setDisplay("Dr. " + member[1] + " " + member[0]));
            role.setOrganization(new Reference(clinicRef));
            role.addLocation(new Reference(location));
            role.addSpecialty(specialty.copy());
            DemoHours.addWorkingHours(role, key, firstDay.minusDays(1));
            String roleRef = add(role, "PractitionerRole");

            Schedule schedule = new Schedule();
            schedule.addIdentifier().setSystem(IDENTIFIER_SYSTEM).setValue("schedule-" + key);
            schedule.setActive(true);
            schedule.addActor(new Reference(roleRef));
            schedule.addActor(new Reference(practitionerRef));
            schedule.addActor(new Reference(location));
            schedule.addSpecialty(specialty.copy());
            schedule.addServiceType(CONSULTATION.copy());
            schedule.getMeta().addTag(MediwoxExtensions.SCHEDULE_MANAGEMENT, MediwoxExtensions.GENERATED, "Generated");
            schedule.addExtension(MediwoxExtensions.SLOT_LENGTH, DemoHours.slotLength(pool));
            schedule.setComment("Working hours of Dr. " + member[1] + " " + member[0]);
            add(schedule, "Schedule");
        }
    }

    /**
     * A member of the staff who is no provider (no specialty, so in no pool, no Schedule): a Practitioner who signs in
     * with their e-mail, and a PractitionerRole coded with their staff role — at {@code location} (null: the whole
     * clinic, through the role's Organization).
     */
    private void addStaff(
            String key, String family, String given, StaffRole staffRole, String location, String clinicRef) {
        Practitioner practitioner = new Practitioner();
        practitioner.addIdentifier().setSystem(IDENTIFIER_SYSTEM).setValue("practitioner-" + key);
        practitioner.setActive(true).addName().setFamily(family).addGiven(given);
        practitioner
                .addTelecom()
                .setSystem(ContactPointSystem.EMAIL)
                .setValue((given + "." + family).toLowerCase(java.util.Locale.ROOT) + "@clinic.example.org");
        String practitionerRef = add(practitioner, "Practitioner");

        PractitionerRole role = new PractitionerRole();
        role.addIdentifier().setSystem(IDENTIFIER_SYSTEM).setValue("role-" + key);
        role.setActive(true);
        role.setPractitioner(new Reference(practitionerRef).setDisplay(given + " " + family));
        role.setOrganization(new Reference(clinicRef));
        if (location != null) {
            role.addLocation(new Reference(location));
        }
        role.addCode(
                new CodeableConcept().addCoding(new Coding(StaffRole.SYSTEM, staffRole.code(), staffRole.display())));
        add(role, "PractitionerRole");
    }

    private static String ascii(String text) {
        return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "");
    }

    private Patient patient(int index, String[] data) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(IDENTIFIER_SYSTEM).setValue("patient-" + (index + 1));
        patient.setActive(true);
        patient.addName().setFamily(data[0]).addGiven(data[1]);
        patient.setGender(AdministrativeGender.fromCode(data[2]));
        patient.setBirthDate(Date.from(LocalDate.of(1970 + index * 7, 1 + index * 2, 10 + index)
                .atStartOfDay(zone)
                .toInstant()));
        patient.addCommunication()
                .setPreferred(true)
                .setLanguage(new CodeableConcept().addCoding(new Coding("urn:ietf:bcp:47", data[3], null)));
        patient.addTelecom()
                .setSystem(ContactPointSystem.EMAIL)
                .setValue(data[4])
                .setUse(ContactPointUse.HOME);
        patient.addTelecom()
                .setSystem(ContactPointSystem.PHONE)
                .setValue(data[5])
                .setUse(ContactPointUse.MOBILE);
        return patient;
    }

    /** Adds a create entry and returns its placeholder reference for the entries that point at it. */
    private String add(Resource resource, String type) {
        String fullUrl = "urn:uuid:" + UUID.randomUUID();
        Bundle.BundleEntryComponent entry =
                bundle.addEntry().setFullUrl(fullUrl).setResource(resource);
        entry.getRequest().setMethod(HTTPVerb.POST).setUrl(type);
        return fullUrl;
    }
}
