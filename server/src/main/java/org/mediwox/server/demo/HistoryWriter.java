package org.mediwox.server.demo;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Appointment.ParticipationStatus;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.hl7.fhir.r4.model.Slot.SlotStatus;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.mediwox.plugin.vocabulary.CancellationReason;
import org.mediwox.plugin.vocabulary.MediwoxExtensions;

/**
 * Writes a {@link HistoryPlan} through HAPI's DAOs as server code ({@link SystemRequestDetails}), one day per
 * transaction, so every storage hook runs as for any write: the booking rule claims and frees Slots, the workload read
 * model records each Appointment. Each Appointment is created {@code booked} with {@code created} = its booking time
 * (server code may import history so, see the scheduling module's {@code AppointmentFacts}), then updated to what became of it: {@code fulfilled},
 * {@code noshow}, or {@code cancelled} with an HL7 reason ({@code pat}, {@code prov}) or Mediwox's {@code rescheduled}.
 * No rule is bypassed: a past booking is a booking like any other below the operations.
 *
 * <p>The server meets the scheduling module through the guide's contract only, as any FHIR client: the
 * {@code assignment-explanation} extension as the guide defines it, and the pool as the key {@code $workload} takes
 * ({@code specialty=<system>|<code>;visit-type=;location=<Location id>}).
 *
 * <p>The marker Task's progress (how many days are written) is updated in each day's transaction, so a day is written
 * whole or not at all, and a restart goes on with the next one.
 */
final class HistoryWriter {

    static final String PROGRESS = "days-written";
    private static final String HL7_REASON = "http://terminology.hl7.org/CodeSystem/appointment-cancellation-reason";
    /** {@code Appointment.priority} of an urgent request, as {@code $book} takes it. */
    private static final int URGENT_PRIORITY = 1;

    private static final List<String[]> NAMES = List.of(
            new String[] {"Adams", "Noah", "male"}, new String[] {"Baker", "Olivia", "female"},
            new String[] {"Clarke", "Liam", "male"}, new String[] {"Diaz", "Emma", "female"},
            new String[] {"Evans", "Lucas", "male"}, new String[] {"Foster", "Mia", "female"},
            new String[] {"Gupta", "Arjun", "male"}, new String[] {"Hughes", "Chloe", "female"});

    private final DaoRegistry daoRegistry;
    private final IHapiTransactionService transactions;
    private final SystemRequestDetails system = new SystemRequestDetails();
    private final Map<String, String> patients = new HashMap<>();
    private final Map<String, Resolved> providers = new HashMap<>();

    /** A provider's resources in this database. */
    private record Resolved(
            String role, String practitioner, String name, String schedule, String location, String poolKey) {}

    HistoryWriter(DaoRegistry daoRegistry, IHapiTransactionService transactions) {
        this.daoRegistry = daoRegistry;
        this.transactions = transactions;
    }

    /** Looks up the demo clinic's providers and makes sure the history patients exist (idempotent). */
    void prepare(HistoryPlan plan) {
        transactions.withSystemRequest().execute(() -> {
            for (DemoClinic.Provider provider : DemoClinic.providers()) {
                providers.put(provider.key(), resolve(provider));
            }
            for (int n = 1; n <= plan.patients(); n++) {
                patients.put("" + n, ensurePatient(n));
            }
            return null;
        });
    }

    /** Writes day {@code index} of the plan and records it on the marker; returns the Appointments written. */
    int writeDay(HistoryPlan.Day day, int index, Task marker) {
        return transactions.withSystemRequest().execute(() -> {
            Map<String, String> slots = new HashMap<>();
            for (HistoryPlan.PlannedSlot planned : day.slots()) {
                Resolved provider = providers.get(planned.provider());
                Slot slot = new Slot();
                slot.setSchedule(new Reference(provider.schedule()));
                slot.setStatus(SlotStatus.FREE);
                slot.setStart(Date.from(planned.start()));
                slot.setEnd(Date.from(planned.end()));
                String id = dao(Slot.class)
                        .create(slot, system)
                        .getId()
                        .toUnqualifiedVersionless()
                        .getValue();
                slots.put(planned.provider() + "@" + planned.start(), id);
            }
            for (HistoryPlan.Visit visit : day.visits()) {
                write(visit, slots.get(visit.provider() + "@" + visit.start()));
            }
            Task progress = dao(Task.class).read(marker.getIdElement().toUnqualifiedVersionless(), system);
            progress.setStatus(Task.TaskStatus.INPROGRESS);
            progress.getOutput().removeIf(o -> PROGRESS.equals(o.getType().getText()));
            progress.addOutput()
                    .setType(new CodeableConcept().setText(PROGRESS))
                    .setValue(new IntegerType(index + 1));
            dao(Task.class).update(progress, system);
            return day.visits().size();
        });
    }

    private void write(HistoryPlan.Visit visit, String slotId) {
        Resolved provider = providers.get(visit.provider());
        Appointment appointment = new Appointment();
        appointment.addIdentifier().setSystem(DemoClinic.IDENTIFIER_SYSTEM).setValue(visit.key());
        appointment.setStatus(AppointmentStatus.BOOKED);
        appointment.setStart(Date.from(visit.start()));
        appointment.setEnd(Date.from(visit.end()));
        appointment.setCreated(Date.from(visit.bookedAt()));
        appointment.addSlot(new Reference(slotId));
        DemoClinic.providers().stream()
                .filter(p -> p.key().equals(visit.provider()))
                .forEach(p -> appointment.addSpecialty(p.specialty().copy()));
        if (visit.urgent()) {
            appointment.setPriority(URGENT_PRIORITY);
        }
        for (String actor : List.of(
                patients.get("" + visit.patient()), provider.role(), provider.practitioner(), provider.location())) {
            appointment.addParticipant().setActor(new Reference(actor)).setStatus(ParticipationStatus.ACCEPTED);
        }
        appointment.addExtension(explanation(visit, provider));
        if (visit.rescheduledFrom() != null) {
            String moved = find(Appointment.class, Appointment.SP_IDENTIFIER, visit.rescheduledFrom());
            if (moved != null) {
                appointment.addExtension(MediwoxExtensions.RESCHEDULED_FROM, new Reference(moved));
            }
        }
        IFhirResourceDao<Appointment> dao = dao(Appointment.class);
        appointment.setId(dao.create(appointment, system).getId().toUnqualifiedVersionless());
        switch (visit.outcome()) {
            case FULFILLED -> appointment.setStatus(AppointmentStatus.FULFILLED);
            case NOSHOW -> appointment.setStatus(AppointmentStatus.NOSHOW);
            case CANCELLED_BY_PATIENT -> cancel(appointment, new Coding(HL7_REASON, "pat", "Patient"));
            case CANCELLED_BY_CLINIC -> cancel(appointment, new Coding(HL7_REASON, "prov", "Provider"));
            case RESCHEDULED ->
                cancel(
                        appointment,
                        new Coding(
                                CancellationReason.RESCHEDULED.system(),
                                CancellationReason.RESCHEDULED.code(),
                                CancellationReason.RESCHEDULED.display()));
        }
        dao.update(appointment, system);
    }

    /** The guide's {@code assignment-explanation}: how the pool chose the provider (no one was passed over). */
    private static Extension explanation(HistoryPlan.Visit visit, Resolved provider) {
        boolean rotation = visit.turn() != null;
        String assigned = provider.role() + " (" + provider.name() + ")";
        Extension extension = new Extension(MediwoxExtensions.ASSIGNMENT_EXPLANATION);
        extension.addExtension("method", new CodeType(rotation ? "rotation" : "urgent-earliest"));
        extension.addExtension("pool", new StringType(provider.poolKey()));
        extension.addExtension("poolSize", new IntegerType(visit.poolSize()));
        if (rotation) {
            extension.addExtension("turn", new IntegerType(visit.turn().intValue()));
            extension.addExtension("position", new IntegerType(visit.position()));
        }
        extension.addExtension("assigned", new Reference(provider.role()).setDisplay(provider.name()));
        extension.addExtension(
                "text",
                new StringType(
                        rotation
                                ? "Rotation turn " + visit.turn() + " of pool " + provider.poolKey() + " ("
                                        + visit.poolSize() + " providers, position " + visit.position() + "): assigned "
                                        + assigned
                                : "Urgent request: earliest free slot in pool " + provider.poolKey() + ", with "
                                        + assigned));
        return extension;
    }

    private static void cancel(Appointment appointment, Coding reason) {
        appointment.setStatus(AppointmentStatus.CANCELLED);
        appointment.setCancelationReason(new CodeableConcept().addCoding(reason));
        appointment.getParticipant().forEach(p -> p.setStatus(ParticipationStatus.DECLINED));
    }

    private Resolved resolve(DemoClinic.Provider provider) {
        String role = find(PractitionerRole.class, PractitionerRole.SP_IDENTIFIER, "role-" + provider.key());
        String schedule = find(Schedule.class, Schedule.SP_IDENTIFIER, "schedule-" + provider.key());
        String location = find(Location.class, Location.SP_IDENTIFIER, "location-" + provider.location());
        if (role == null || schedule == null || location == null) {
            throw new IllegalStateException("The demo clinic's provider " + provider.key() + " is not in the database");
        }
        PractitionerRole resource = dao(PractitionerRole.class).read(new org.hl7.fhir.r4.model.IdType(role), system);
        Coding specialty = provider.specialty().getCodingFirstRep();
        String poolKey = "specialty=" + specialty.getSystem() + "|" + specialty.getCode() + ";visit-type=;location="
                + location.substring("Location/".length());
        return new Resolved(
                role,
                resource.getPractitioner()
                        .getReferenceElement()
                        .toUnqualifiedVersionless()
                        .getValue(),
                resource.getPractitioner().getDisplay(),
                schedule,
                location,
                poolKey);
    }

    /** A history patient, found by identifier or created; no contact points, so no message is ever prepared for one. */
    private String ensurePatient(int number) {
        String value = "history-patient-" + number;
        String found = find(Patient.class, Patient.SP_IDENTIFIER, value);
        if (found != null) {
            return found;
        }
        String[] name = NAMES.get((number - 1) % NAMES.size());
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(DemoClinic.IDENTIFIER_SYSTEM).setValue(value);
        patient.setActive(true);
        patient.addName()
                .setFamily(name[0] + " " + ((number - 1) / NAMES.size() + 1))
                .addGiven(name[1]);
        patient.setGender(AdministrativeGender.fromCode(name[2]));
        return dao(Patient.class)
                .create(patient, system)
                .getId()
                .toUnqualifiedVersionless()
                .getValue();
    }

    private String find(Class<? extends IBaseResource> type, String parameter, String value) {
        SearchParameterMap map =
                SearchParameterMap.newSynchronous(parameter, new TokenParam(DemoClinic.IDENTIFIER_SYSTEM, value));
        List<IBaseResource> found = dao(type).search(map, system).getAllResources();
        return found.isEmpty()
                ? null
                : found.get(0).getIdElement().toUnqualifiedVersionless().getValue();
    }

    @SuppressWarnings("unchecked")
    private <T extends IBaseResource> IFhirResourceDao<T> dao(Class<T> type) {
        return (IFhirResourceDao<T>) daoRegistry.getResourceDao(type);
    }
}
