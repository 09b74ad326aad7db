package org.mediwox.server.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Appointment.ParticipationStatus;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Slot;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediwox.scheduling.workload.AppointmentFacts;
import org.mediwox.scheduling.workload.WorkloadBackfill;
import org.mediwox.server.booking.BookingClient;
import org.mediwox.server.booking.BookingClient.Answer;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.TestPool;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The workload read model follows every path that writes an Appointment — pool {@code $book}, {@code $hold} then
 * {@code $book}, plain POST, PUT, JSON Patch, a transaction Bundle, reschedule, DELETE, and a write the booking rule
 * refuses — and its day counters always equal a recount of its facts; emptied, it is rebuilt from the stored
 * Appointments to the same counters.
 */
class WorkloadReadModelIT extends ServerIT {

    private static final ParticipationStatus ACCEPTED = ParticipationStatus.ACCEPTED;

    private static final String COUNTERS = "sum(booked) booked, sum(booked_minutes) booked_minutes,"
            + " sum(kept_minutes) kept_minutes, sum(attended_minutes) attended_minutes, sum(active) active,"
            + " sum(fulfilled) fulfilled, sum(noshow) noshow, sum(cancelled_patient) cancelled_patient,"
            + " sum(cancelled_clinic) cancelled_clinic, sum(rescheduled) rescheduled, sum(urgent) urgent,"
            + " sum(pool_assigned) pool_assigned";

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private WorkloadBackfill backfill;

    private BookingClient booking;

    @BeforeEach
    void bookingClient() {
        booking = new BookingClient(fhirBase(), fhirContext, token());
    }

    @Test
    void everyWritePath_keepsFactsAndDayCounters_andARebuildGivesTheSameCounters() {
        TestPool pool = TestPool.create(client(), 2, 6, 7);
        List<String> patients = pool.patientIds();
        String[] providers =
                pool.roleIds().stream().map(r -> "PractitionerRole/" + r).toArray(String[]::new);

        // pool $book: the rotation's first provider
        Appointment rotated =
                booked(booking.book(BookingClient.poolRequest(patients.get(0), pool.specialtyToken()), key()));
        // pool $hold has no fact until its $book confirms it
        Appointment held = booking.post(
                        "/Appointment/$hold", BookingClient.poolRequest(patients.get(1), pool.specialtyToken()), null)
                .appointment();
        assertThat(factsOf(held.getIdPart())).as("a hold is no booking").isEmpty();
        Parameters confirm = new Parameters();
        confirm.addParameter()
                .setName("appointment-reference")
                .setValue(new Reference("Appointment/" + held.getIdPart()));
        confirm.addParameter().setName("patient-reference").setValue(new Reference("Patient/" + patients.get(1)));
        booked(booking.book(confirm, key()));
        assertThat(factsOf(held.getIdPart()))
                .singleElement()
                .satisfies(
                        f -> assertThat(f).containsEntry("status", "booked").containsEntry("assignment", "rotation"));

        // plain POST, then PUT arrived and JSON Patch fulfilled
        String direct = plainPost(pool, pool.slotIds().get(3), patients.get(2), 0);
        assertThat(factsOf(direct))
                .singleElement()
                .satisfies(f -> assertThat(f)
                        .containsEntry("pool_key", "")
                        .containsEntry("location_id", pool.locationId())
                        .containsEntry("provider", providers[0]));
        put(direct, AppointmentStatus.ARRIVED, null);
        patchStatus(direct, "fulfilled");

        // a pool booking the patient did not attend
        String missed = booked(booking.book(BookingClient.poolRequest(patients.get(3), pool.specialtyToken()), key()))
                .getIdPart();
        put(missed, AppointmentStatus.NOSHOW, null);

        // cancelled by the clinic (JSON Patch, no reason) and by the patient (HL7 reason pat-mv, PUT)
        String clinicCancels = booked(
                        booking.book(BookingClient.poolRequest(patients.get(4), pool.specialtyToken()), key()))
                .getIdPart();
        patchStatus(clinicCancels, "cancelled");
        String inBundle = bundlePost(pool, pool.slotIds().get(10), patients.get(5), 1);
        put(
                inBundle,
                AppointmentStatus.CANCELLED,
                new Coding(AppointmentFacts.HL7_CANCELLATION_REASON, "pat-mv", null));

        // a reschedule: the old one counted as rescheduled, the new one names it
        Parameters move = BookingClient.poolRequest(patients.get(0), pool.specialtyToken());
        move.addParameter().setName("cancelled-appt-id").setValue(new StringType(rotated.getIdPart()));
        Appointment moved = booked(booking.book(move, key()));
        assertThat(factsOf(moved.getIdPart()))
                .singleElement()
                .satisfies(f -> assertThat(f).containsEntry("rescheduled_from", rotated.getIdPart()));
        assertThat(factsOf(rotated.getIdPart()))
                .singleElement()
                .satisfies(f -> assertThat(f)
                        .containsEntry("status", "cancelled")
                        .containsEntry("rescheduled", true)
                        .containsEntry("cancelled_by", null));

        // DELETE: it never happened
        String deleted = plainPost(pool, pool.slotIds().get(5), patients.get(6), 0);
        assertThat(factsOf(deleted)).hasSize(1);
        client().delete().resourceById("Appointment", deleted).execute();
        assertThat(factsOf(deleted)).isEmpty();

        // a write the booking rule refuses (the confirmed hold's Slot is taken) leaves nothing behind
        int before = countFor(providers);
        String heldSlot = held.getSlotFirstRep().getReferenceElement().getIdPart();
        assertThat(plainPostStatus(pool, heldSlot, patients.get(6), 1)).isEqualTo(409);
        assertThat(countFor(providers)).isEqualTo(before);

        // every fact shows its Appointment as stored
        for (Map<String, Object> fact : jdbc.queryForList(
                "select appointment_id, status from mediwox.appointment_fact where provider = any (?)",
                (Object) providers)) {
            Appointment stored = client().read()
                    .resource(Appointment.class)
                    .withId((String) fact.get("appointment_id"))
                    .execute();
            assertThat(fact.get("status"))
                    .as(stored.getIdPart())
                    .isEqualTo(stored.getStatus().toCode());
        }

        Map<String, Object> totals = dayTotals(providers);
        assertThat(totals)
                .as("booked: rotated, held, direct, missed, clinicCancels, inBundle, moved")
                .containsEntry("booked", 7L)
                .containsEntry("booked_minutes", 210L)
                .containsEntry("kept_minutes", 120L) // held, moved (active), direct (fulfilled), missed (noshow)
                .containsEntry("attended_minutes", 30L)
                .containsEntry("active", 2L)
                .containsEntry("fulfilled", 1L)
                .containsEntry("noshow", 1L)
                .containsEntry("cancelled_patient", 1L)
                .containsEntry("cancelled_clinic", 1L)
                .containsEntry("rescheduled", 1L)
                .containsEntry("urgent", 0L)
                .containsEntry("pool_assigned", 5L); // rotated, held, missed, clinicCancels, moved
        assertThat(dayRows(providers, "mediwox.workload_day"))
                .as("the day counters equal a recount of the facts")
                .isEqualTo(recount(providers));

        // emptied, the read model is rebuilt from the stored Appointments to the same counters
        jdbc.update("truncate mediwox.appointment_fact, mediwox.workload_day, mediwox.workload_segment");
        backfill.run(null);
        assertThat(dayTotals(providers)).isEqualTo(totals);
        assertThat(dayRows(providers, "mediwox.workload_day")).isEqualTo(recount(providers));
    }

    @Test
    void transactionBundlesChangingTheSameProvidersInOppositeOrders_allCommit_andTheCountersStayExact()
            throws Exception {
        int rounds = 5;
        TestPool pool = TestPool.create(client(), 2, 2 * rounds, 4 * rounds);
        String[] providers =
                pool.roleIds().stream().map(r -> "PractitionerRole/" + r).toArray(String[]::new);
        List<List<String>> byProvider = List.of(new java.util.ArrayList<>(), new java.util.ArrayList<>());
        for (int provider = 0; provider < 2; provider++) {
            for (int s = 0; s < 2 * rounds; s++) {
                String slot = pool.slotIds().get(provider * 2 * rounds + s);
                String patient = pool.patientIds().get(provider * 2 * rounds + s);
                byProvider.get(provider).add(plainPost(pool, slot, patient, provider));
            }
        }

        // each round: one Bundle changes provider 0's visit, then provider 1's; the other provider 1's, then 0's —
        // day counters locked in the order of the entries would deadlock (PostgreSQL then aborts one: a 409)
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < rounds; round++) {
                List<String> forward = List.of(
                        byProvider.get(0).get(2 * round), byProvider.get(1).get(2 * round));
                List<String> backward = List.of(
                        byProvider.get(1).get(2 * round + 1), byProvider.get(0).get(2 * round + 1));
                Bundle first = statusBundle(forward, AppointmentStatus.FULFILLED);
                Bundle second = statusBundle(backward, AppointmentStatus.NOSHOW);
                java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
                java.util.concurrent.Future<Bundle> a = two.submit(() -> {
                    start.await();
                    return client().transaction().withBundle(first).execute();
                });
                java.util.concurrent.Future<Bundle> b = two.submit(() -> {
                    start.await();
                    return client().transaction().withBundle(second).execute();
                });
                start.countDown();
                assertThat(a.get().getEntry()).hasSize(2);
                assertThat(b.get().getEntry()).hasSize(2);
            }
        } finally {
            two.shutdownNow();
        }

        assertThat(dayRows(providers, "mediwox.workload_day")).isEqualTo(recount(providers));
        assertThat(dayTotals(providers))
                .containsEntry("booked", 4L * rounds)
                .containsEntry("fulfilled", (long) rounds * 2)
                .containsEntry("noshow", (long) rounds * 2)
                .containsEntry("active", 0L);
    }

    /** A transaction Bundle that PUTs each Appointment with {@code status}, in the order given. */
    private Bundle statusBundle(List<String> ids, AppointmentStatus status) {
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (String id : ids) {
            Appointment stored =
                    client().read().resource(Appointment.class).withId(id).execute();
            stored.setStatus(status);
            tx.addEntry()
                    .setFullUrl("Appointment/" + id)
                    .setResource(stored)
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.PUT)
                    .setUrl("Appointment/" + id);
        }
        return tx;
    }

    private List<Map<String, Object>> factsOf(String appointmentId) {
        return jdbc.queryForList("select * from mediwox.appointment_fact where appointment_id = ?", appointmentId);
    }

    private int countFor(String[] providers) {
        return jdbc.queryForObject(
                "select count(*) from mediwox.appointment_fact where provider = any (?)", Integer.class, (Object)
                        providers);
    }

    private Map<String, Object> dayTotals(String[] providers) {
        return jdbc.queryForMap(
                "select " + COUNTERS + " from mediwox.workload_day where provider = any (?)", (Object) providers);
    }

    /** Non-zero day rows of the providers, in key order. */
    private List<Map<String, Object>> dayRows(String[] providers, String table) {
        return jdbc.queryForList(
                "select provider, local_day, location_id, pool_key, " + COUNTERS + " from " + table
                        + " where provider = any (?) group by 1, 2, 3, 4 having sum(booked) <> 0 order by 1, 2, 3, 4",
                (Object) providers);
    }

    /** The same rows counted from the facts, with the definitions of the read model's columns. */
    private List<Map<String, Object>> recount(String[] providers) {
        return jdbc.queryForList("""
                select provider, local_day, location_id, pool_key,
                  count(*) booked, sum(minutes) booked_minutes,
                  coalesce(sum(minutes) filter (where status in ('booked','arrived','checked-in','fulfilled','noshow')), 0) kept_minutes,
                  coalesce(sum(minutes) filter (where status in ('arrived','checked-in','fulfilled')), 0) attended_minutes,
                  count(*) filter (where status in ('booked','arrived','checked-in')) active,
                  count(*) filter (where status = 'fulfilled') fulfilled,
                  count(*) filter (where status = 'noshow') noshow,
                  count(*) filter (where status = 'cancelled' and cancelled_by = 'patient') cancelled_patient,
                  count(*) filter (where status = 'cancelled' and cancelled_by = 'clinic') cancelled_clinic,
                  count(*) filter (where status = 'cancelled' and rescheduled) rescheduled,
                  count(*) filter (where urgent) urgent,
                  count(*) filter (where assignment is not null) pool_assigned
                from mediwox.appointment_fact where provider = any (?)
                group by 1, 2, 3, 4 order by 1, 2, 3, 4""", (Object) providers).stream()
                .map(row -> {
                    // sum() of integers is bigint, count() too: the same Long values as the day rows' sums
                    row.replaceAll((k, v) -> v instanceof Number n && !(v instanceof Long) ? n.longValue() : v);
                    return row;
                })
                .toList();
    }

    private static Appointment booked(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.appointment();
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    private Appointment appointmentFor(TestPool pool, String slotId, String patientId, int provider) {
        Slot slot = client().read().resource(Slot.class).withId(slotId).execute();
        Appointment appointment = new Appointment().setStatus(AppointmentStatus.BOOKED);
        appointment.setStart(slot.getStart()).setEnd(slot.getEnd());
        appointment.addSlot(new Reference("Slot/" + slotId));
        appointment
                .addParticipant()
                .setActor(new Reference("Patient/" + patientId))
                .setStatus(ACCEPTED);
        appointment
                .addParticipant()
                .setActor(new Reference("PractitionerRole/" + pool.roleIds().get(provider)))
                .setStatus(ACCEPTED);
        appointment
                .addParticipant()
                .setActor(new Reference("Location/" + pool.locationId()))
                .setStatus(ACCEPTED);
        appointment.setCreated(new Date());
        return appointment;
    }

    private String plainPost(TestPool pool, String slotId, String patientId, int provider) {
        return client().create()
                .resource(appointmentFor(pool, slotId, patientId, provider))
                .execute()
                .getId()
                .getIdPart();
    }

    private int plainPostStatus(TestPool pool, String slotId, String patientId, int provider) {
        String body =
                fhirContext.newJsonParser().encodeResourceToString(appointmentFor(pool, slotId, patientId, provider));
        return send(request("/fhir/Appointment")
                        .header("Content-Type", "application/fhir+json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)))
                .statusCode();
    }

    private String bundlePost(TestPool pool, String slotId, String patientId, int provider) {
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        TestPool.add(tx, appointmentFor(pool, slotId, patientId, provider));
        Bundle response = client().transaction().withBundle(tx).execute();
        return new IdType(response.getEntryFirstRep().getResponse().getLocation()).getIdPart();
    }

    private void put(String id, AppointmentStatus status, Coding reason) {
        Appointment stored =
                client().read().resource(Appointment.class).withId(id).execute();
        stored.setStatus(status);
        if (reason != null) {
            stored.getCancelationReason().addCoding(reason);
        }
        client().update().resource(stored).execute();
    }

    private void patchStatus(String id, String status) {
        client().patch()
                .withBody("[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"" + status + "\"}]")
                .withId("Appointment/" + id)
                .execute();
    }
}
