package org.mediwox.server.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupComponent;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mediwox.plugin.vocabulary.MediwoxExtensions;
import org.mediwox.plugin.vocabulary.StaffRole;
import org.mediwox.scheduling.SchedulingProperties;
import org.mediwox.server.booking.BookingClient;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.SmartLogin;
import org.mediwox.server.support.TestPool;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code $workload} on a small fixed data set, against figures computed by hand (in the comments): counts, lead-time
 * percentiles, fairness of a pool, per-day buckets, CSV; who may see what. The read model is loaded with SQL, the way
 * the benchmark loads its million Appointments ({@code WorkloadReadModelIT} shows every write path keeps it).
 *
 * <p>The set, one ISO week (Monday 2031-03-03 to Sunday 2031-03-09) in one pool: provider A (the demo clinician's role)
 * 4 bookings, B 3, C 2, and A one direct booking outside the pool:
 *
 * <pre>
 * id  provider day    min status     lead(min) other
 * a1  A        03-03  30  fulfilled   1440
 * a2  A        03-03  30  noshow      2880
 * a3  A        03-04  30  booked        60     urgent
 * a4  A        03-05  30  cancelled   4320     by the patient
 * b1  B        03-03  20  fulfilled    600
 * b2  B        03-04  20  cancelled    120     by the clinic
 * b3  B        03-06  20  cancelled   7200     rescheduled
 * c1  C        03-05  60  fulfilled     30     urgent
 * c2  C        03-09  60  booked     10080
 * d1  A        03-04  15  fulfilled   1000     direct (no pool)
 * </pre>
 */
class WorkloadIT extends ServerIT {

    private static final String CLINICIAN = "amara.okafor@clinic.example.org";
    private static final String WEEK = "start=2031-03-03&end=2031-03-10";

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private SchedulingProperties scheduling;

    private ZoneId zone;

    private String pool;
    private String providerA;
    private String providerB;
    private String providerC;

    @BeforeEach
    void fixedSet() {
        zone = scheduling.timeZone();
        String run = UUID.randomUUID().toString().substring(0, 8);
        pool = "specialty=urn:mediwox:test:workload|" + run + ";visit-type=;location=";
        providerA = "PractitionerRole/" + clinicianRole();
        providerB = "PractitionerRole/wl-" + run + "-b";
        providerC = "PractitionerRole/wl-" + run + "-c";
        jdbc.update(
                "delete from mediwox.appointment_fact where local_day >= '2031-03-03' and local_day < '2031-03-10'");
        jdbc.update("delete from mediwox.workload_day where local_day >= '2031-03-03' and local_day < '2031-03-10'");
        jdbc.update("delete from mediwox.slot_day where schedule_id like 'wl-%'");
        fact("a1", providerA, "2031-03-03", 30, "fulfilled", 1440, false, null, false, true);
        fact("a2", providerA, "2031-03-03", 30, "noshow", 2880, false, null, false, true);
        fact("a3", providerA, "2031-03-04", 30, "booked", 60, true, null, false, true);
        fact("a4", providerA, "2031-03-05", 30, "cancelled", 4320, false, "patient", false, true);
        fact("b1", providerB, "2031-03-03", 20, "fulfilled", 600, false, null, false, true);
        fact("b2", providerB, "2031-03-04", 20, "cancelled", 120, false, "clinic", false, true);
        fact("b3", providerB, "2031-03-06", 20, "cancelled", 7200, false, null, true, true);
        fact("c1", providerC, "2031-03-05", 60, "fulfilled", 30, true, null, false, true);
        fact("c2", providerC, "2031-03-09", 60, "booked", 10080, false, null, false, true);
        fact("d1", providerA, "2031-03-04", 15, "fulfilled", 1000, false, null, false, false);
        // A offers four 30-minute Slots on each of 03-03, 03-04 and 03-05 (one Schedule)
        String schedule = "wl-" + run + "-schedule";
        jdbc.update("insert into mediwox.schedule_provider values (?, ?, 'L1')", schedule, providerA);
        for (String day : List.of("2031-03-03", "2031-03-04", "2031-03-05")) {
            jdbc.update("insert into mediwox.slot_day values (?, ?::date, 4, 120)", schedule, day);
        }
        // B offers four 30-minute Slots on 03-03 and 03-04; C offers none this week
        String scheduleB = "wl-" + run + "-schedule-b";
        jdbc.update("insert into mediwox.schedule_provider values (?, ?, 'L1')", scheduleB, providerB);
        for (String day : List.of("2031-03-03", "2031-03-04")) {
            jdbc.update("insert into mediwox.slot_day values (?, ?::date, 4, 120)", scheduleB, day);
        }
        // the day rows as the read model keeps them (WorkloadReadModelIT: equal to this recount)
        jdbc.update("""
                insert into mediwox.workload_day (provider, local_day, location_id, pool_key, booked, booked_minutes,
                  kept_minutes, attended_minutes, active, fulfilled, noshow, cancelled_patient, cancelled_clinic,
                  rescheduled, urgent, pool_assigned)
                select provider, local_day, location_id, pool_key, count(*), sum(minutes),
                  coalesce(sum(minutes) filter (where status in ('booked','arrived','checked-in','fulfilled','noshow')), 0),
                  coalesce(sum(minutes) filter (where status in ('arrived','checked-in','fulfilled')), 0),
                  count(*) filter (where status in ('booked','arrived','checked-in')),
                  count(*) filter (where status = 'fulfilled'), count(*) filter (where status = 'noshow'),
                  count(*) filter (where status = 'cancelled' and cancelled_by = 'patient'),
                  count(*) filter (where status = 'cancelled' and cancelled_by = 'clinic'),
                  count(*) filter (where status = 'cancelled' and rescheduled),
                  count(*) filter (where urgent), count(*) filter (where assignment is not null)
                from mediwox.appointment_fact where local_day >= '2031-03-03' and local_day < '2031-03-10'
                group by 1, 2, 3, 4""");
        // and the pools' week segments, recounted from the facts and days (WorkloadReadModelIT: equal as kept)
        jdbc.execute("select mediwox.rebuild_workload_segments()");
    }

    @Test
    void aPoolsWeek_matchesTheFiguresComputedByHand() {
        Bundle bundle = workload(WEEK + "&grouping=none&pool=" + encode(pool), token());

        MeasureReport poolReport = reportOf(bundle, pool);
        // 9 bookings; 4*30 + 3*20 + 2*60 = 300 minutes; kept a1 a2 a3 b1 c1 c2 = 230; attended a1 b1 c1 = 110
        assertThat(counts(poolReport))
                .containsEntry("booked", 9)
                .containsEntry("booked-minutes", 300)
                .containsEntry("kept-minutes", 230)
                .containsEntry("attended-minutes", 110)
                .containsEntry("active", 2)
                .containsEntry("fulfilled", 3)
                .containsEntry("noshow", 1)
                .containsEntry("cancelled-patient", 1)
                .containsEntry("cancelled-clinic", 1)
                .containsEntry("rescheduled", 1)
                .containsEntry("urgent", 2)
                .containsEntry("pool-assigned", 9);
        // leads sorted: 30 60 120 600 1440 2880 4320 7200 10080, each counted as its bin's middle (LeadBins: one-minute
        // bins to 31, then 16 per doubling): 30 61 122 592 1440 2880 4224 7296 9984; p50 = the 5th; p90 at 0.9 * 8 =
        // 7.2: 7296 + 0.2 * (9984 - 7296) = 7833.6 (exact: 7776, 0.7 % off)
        assertThat(score(poolReport, "lead-time-p50")).isEqualTo(1440.0);
        assertThat(score(poolReport, "lead-time-p90")).isEqualTo(7833.6);
        // urgent: 30 and 60, counted as 30 and 61; p50 45.5, p90 30 + 0.9 * 31
        assertThat(score(poolReport, "urgent-wait-p50")).isEqualTo(45.5);
        assertThat(score(poolReport, "urgent-wait-p90")).isEqualTo(57.9);
        // assignments 4, 3, 2: spread 2; Gini 2 * (1*2 + 2*3 + 3*4) / (3 * 9) - 4/3 = 0.148148…; cv sqrt(2/3) / 3
        assertThat(score(poolReport, "spread")).isEqualTo(2.0);
        assertThat(score(poolReport, "gini")).isEqualTo(0.1481);
        assertThat(score(poolReport, "cv")).isEqualTo(0.2722);
        assertThat(shares(poolReport))
                .containsExactly(Map.entry(providerA, 4), Map.entry(providerB, 3), Map.entry(providerC, 2));
        // beside it, each one's share of the minutes the three offered: A 360, B 240, C 0 of 600
        assertThat(stratumScores(poolReport, "capacity-share"))
                .containsExactly(Map.entry(providerA, 0.6), Map.entry(providerB, 0.4), Map.entry(providerC, 0.0));
        assertThat(stratumCounts(poolReport, "capacity-share", "offered-minutes"))
                .containsExactly(Map.entry(providerA, 360), Map.entry(providerB, 240), Map.entry(providerC, 0));

        // each provider's report, and the total of the selection (the pool's bookings only: d1 is direct)
        assertThat(counts(reportOf(bundle, providerA))).containsEntry("booked", 4);
        assertThat(counts(reportOf(bundle, providerB))).containsEntry("booked", 3);
        assertThat(counts(reportOf(bundle, providerC))).containsEntry("booked", 2);
        assertThat(counts(reportOf(bundle, null))).containsEntry("booked", 9);
        assertThat(counts(reportOf(bundle, providerA)))
                .as("capacity is a provider's, not a pool's: not reported under a pool filter")
                .doesNotContainKey("offered");

        // an overview: the pool and the total, no report per provider
        Bundle overview = workload(WEEK + "&grouping=none&pool=" + encode(pool) + "&level=pool,total", token());
        assertThat(overview.getEntry())
                .extracting(e -> ((MeasureReport) e.getResource())
                        .getSubject()
                        .getIdentifier()
                        .getValue())
                .containsExactlyInAnyOrder(pool, null);
    }

    @Test
    void perDay_theBucketsFollowTheClinicsDays_andTheDirectBookingCountsForItsProvider() {
        Bundle bundle = workload(WEEK + "&grouping=day&practitioner-role=" + providerA, token());

        MeasureReport a = reportOf(bundle, providerA);
        // a1 a2 on 03-03; a3 d1 on 03-04; a4 on 03-05
        assertThat(strata(a, "booked"))
                .containsExactly(Map.entry("2031-03-03", 2), Map.entry("2031-03-04", 2), Map.entry("2031-03-05", 1));
        assertThat(counts(a)).containsEntry("booked", 5).containsEntry("pool-assigned", 4);
        // offered 12 Slots, 360 minutes; kept a1 a2 a3 (30 each) and d1 (15): 105 / 360
        assertThat(counts(a)).containsEntry("offered", 12).containsEntry("offered-minutes", 360);
        assertThat(score(a, "utilisation")).isEqualTo(0.2917);
        assertThat(strata(a, "offered"))
                .containsExactly(Map.entry("2031-03-03", 4), Map.entry("2031-03-04", 4), Map.entry("2031-03-05", 4));
        // the week as one ISO week
        MeasureReport weekly = reportOf(workload(WEEK + "&practitioner-role=" + providerA, token()), providerA);
        assertThat(strata(weekly, "booked")).containsExactly(Map.entry("2031-03-03", 5));
    }

    @Test
    void csv_hasAHeaderAndOneRowPerSubjectAndBucket() {
        // asked as FHIR clients ask (they accept FHIR JSON too): still CSV, not a base64 Binary
        HttpResponse<String> csv = send(anonymousRequest("/fhir/$workload?" + WEEK + "&grouping=none&pool="
                        + encode(pool) + "&_format=" + encode("text/csv"))
                .header("Authorization", "Bearer " + token())
                .header("Accept", "application/fhir+json, application/json;q=0.9")
                .GET());

        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0))
                .startsWith("level,subject,label,bucket,booked,booked-minutes,")
                .endsWith(",spread,cv,gini,first-available,third-available");
        assertThat(lines)
                .anySatisfy(line -> assertThat(line)
                        .isEqualTo("pool," + pool
                                + ",,,9,300,230,110,2,3,1,1,1,1,2,9,1440.0,7833.6,45.5,57.9,,,,2,0.2722,0.1481,,"));
        assertThat(lines.stream().filter(l -> l.startsWith("provider,"))).hasSize(3);
    }

    @Test
    void aPractitioner_seesTheirOwnFiguresAndTheirPool_withColleaguesUnnamed() {
        String clinician = SmartLogin.launch(serverRoot(), CLINICIAN, "openid fhirUser user/Appointment.rs")
                .get("access_token")
                .asText();

        HttpResponse<String> answer = get("/fhir/$workload?" + WEEK + "&grouping=none", clinician);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).doesNotContain(providerB).doesNotContain(providerC);
        Bundle bundle = fhirContext.newJsonParser().parseResource(Bundle.class, answer.body());
        assertThat(counts(reportOf(bundle, providerA))).containsEntry("booked", 5);
        assertThat(shares(reportOf(bundle, pool)))
                .containsExactly(Map.entry(providerA, 4), Map.entry("Provider A", 3), Map.entry("Provider B", 2));
        assertThat(bundle.getEntry().stream()
                        .map(e -> (MeasureReport) e.getResource())
                        .filter(r -> r.getSubject().hasReference()))
                .as("providers by reference: only their own")
                .allSatisfy(r -> assertThat(r.getSubject().getReference()).isEqualTo(providerA));

        HttpResponse<String> colleague = get("/fhir/$workload?" + WEEK + "&practitioner-role=" + providerB, clinician);
        assertThat(colleague.statusCode()).as(colleague.body()).isEqualTo(403);
        assertThat(colleague.body()).contains(providerB).contains("OperationOutcome");
    }

    @Test
    void aManager_seesEveryProviderByName_andDeactivatingTheManager_endsTheirSession() {
        String email = "manager-" + UUID.randomUUID().toString().substring(0, 8) + "@clinic.example.org";
        Practitioner manager = new Practitioner().setActive(true);
        manager.addName().setFamily("Manager");
        manager.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(email);
        String managerId = client().create().resource(manager).execute().getId().getIdPart();
        PractitionerRole role = new PractitionerRole().setActive(true);
        role.setPractitioner(new Reference("Practitioner/" + managerId));
        role.addCode(new CodeableConcept(new Coding(StaffRole.SYSTEM, StaffRole.MANAGER.code(), null)));
        client().create().resource(role).execute();
        String token = SmartLogin.launch(serverRoot(), email, "openid fhirUser user/Appointment.rs")
                .get("access_token")
                .asText();

        HttpResponse<String> answer = get("/fhir/$workload?" + WEEK + "&grouping=none&pool=" + encode(pool), token);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Bundle bundle = fhirContext.newJsonParser().parseResource(Bundle.class, answer.body());
        assertThat(shares(reportOf(bundle, pool)))
                .as("colleagues by name, not Provider A/B")
                .extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder(providerA, providerB, providerC);
        assertThat(get("/fhir/$workload?" + WEEK + "&practitioner-role=" + providerB, token)
                        .statusCode())
                .isEqualTo(200);

        // the clinic deactivates the manager's account: their token stops working, signing in again is refused
        Practitioner stored =
                client().read().resource(Practitioner.class).withId(managerId).execute();
        client().update().resource(stored.setActive(false)).execute();
        assertThat(await(
                        () -> get("/fhir/$workload?" + WEEK, token).statusCode() == 401 ? List.of(1) : List.of(),
                        1,
                        java.time.Duration.ofSeconds(30)))
                .hasSize(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> SmartLogin.launch(serverRoot(), email, "openid fhirUser user/Appointment.rs"));
    }

    @Test
    void aPoolBookedThroughTheApi_isCounted_withItsThirdNextAvailable() {
        TestPool testPool = TestPool.create(client(), 3, 3, 1);
        Appointment booked = new BookingClient(fhirBase(), fhirContext, token())
                .book(
                        BookingClient.poolRequest(testPool.patientIds().get(0), testPool.specialtyToken()),
                        UUID.randomUUID().toString())
                .appointment();
        String key = booked.getExtensionByUrl(MediwoxExtensions.ASSIGNMENT_EXPLANATION)
                .getExtensionByUrl("pool")
                .getValue()
                .primitiveValue();
        LocalDate day = LocalDate.ofInstant(TestPool.FIRST_SLOT, zone);

        MeasureReport report = reportOf(
                workload("start=" + day + "&end=" + day.plusDays(1) + "&grouping=none&pool=" + encode(key), token()),
                key);

        assertThat(counts(report)).containsEntry("booked", 1).containsEntry("pool-assigned", 1);
        // the Slots written through the API are the booked provider's offered capacity: 3 of 30 minutes, 30 kept
        String provider = booked.getParticipant().stream()
                .map(p -> p.getActor().getReference())
                .filter(r -> r.startsWith("PractitionerRole/"))
                .findFirst()
                .orElseThrow();
        MeasureReport own = reportOf(
                workload(
                        "start=" + day.minusDays(1) + "&end=" + day.plusDays(2) + "&grouping=none&practitioner-role="
                                + provider,
                        token()),
                provider);
        assertThat(counts(own))
                .containsEntry("booked", 1)
                .containsEntry("offered", 3)
                .containsEntry("offered-minutes", 90);
        assertThat(score(own, "utilisation")).isEqualTo(0.3333);
        // free now: the other two providers' first Slots at FIRST_SLOT, then the 30-minute Slots after them (same day)
        long days = ChronoUnit.DAYS.between(LocalDate.now(zone), day);
        assertThat(score(report, "first-available")).isEqualTo((double) days);
        assertThat(score(report, "third-available")).isEqualTo((double) days);
        assertThat(score(report, "gini"))
                .as("one booking among three providers: (n-1)/n")
                .isEqualTo(0.6667);
    }

    @Test
    void patientsAreRefused_andBadInputsAnswer400() {
        String patient = SmartLogin.launch(serverRoot(), "ana.garcia@example.org", "launch/patient patient/*.rs")
                .get("access_token")
                .asText();
        assertThat(get("/fhir/$workload?" + WEEK, patient).statusCode()).isEqualTo(403);

        HttpResponse<String> backwards = get("/fhir/$workload?start=2031-03-10&end=2031-03-03", token());
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(backwards.body()).contains("the period must end after it starts");
        assertThat(get("/fhir/$workload?" + WEEK + "&grouping=year", token()).body())
                .contains("grouping must be day, week, month or none");
        assertThat(get("/fhir/$workload?end=2031-03-10", token()).statusCode()).isEqualTo(400);
        assertThat(get("/fhir/$workload?" + WEEK + "&level=doctor", token()).body())
                .contains("level must be provider, pool or total");
        assertThat(get("/fhir/$workload?start=2028-01-01&end=2031-03-10", token())
                        .body())
                .contains("at most three years");
    }

    private Bundle workload(String query, String token) {
        HttpResponse<String> answer = get("/fhir/$workload?" + query, token);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return fhirContext.newJsonParser().parseResource(Bundle.class, answer.body());
    }

    private HttpResponse<String> get(String pathAndQuery, String token) {
        return send(anonymousRequest(pathAndQuery)
                .header("Authorization", "Bearer " + token)
                .GET());
    }

    /** The report on a provider (by reference), a pool (by identifier), or the total (null). */
    private static MeasureReport reportOf(Bundle bundle, String subject) {
        return bundle.getEntry().stream()
                .map(e -> (MeasureReport) e.getResource())
                .filter(r -> subject == null
                        ? !r.hasSubject()
                        : subject.equals(r.getSubject().getReference())
                                || subject.equals(r.getSubject().getIdentifier().getValue()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no report on " + subject));
    }

    private static Map<String, Integer> counts(MeasureReport report) {
        return report.getGroup().stream()
                .filter(MeasureReportGroupComponent::hasPopulation)
                .collect(Collectors.toMap(
                        g -> g.getCode().getCodingFirstRep().getCode(),
                        g -> g.getPopulationFirstRep().getCount()));
    }

    private static Double score(MeasureReport report, String code) {
        return report.getGroup().stream()
                .filter(g -> code.equals(g.getCode().getCodingFirstRep().getCode()))
                .findFirst()
                .map(g -> g.getMeasureScore().getValue().doubleValue())
                .orElse(null);
    }

    /** The share group's strata: provider reference (or label) and assignments, in the report's order. */
    private static List<Map.Entry<String, Integer>> shares(MeasureReport report) {
        return report.getGroup().stream()
                .filter(g -> "share".equals(g.getCode().getCodingFirstRep().getCode()))
                .flatMap(g -> g.getStratifierFirstRep().getStratum().stream())
                .map(s -> Map.entry(
                        s.getValue().hasCoding()
                                ? s.getValue().getCodingFirstRep().getCode()
                                : s.getValue().getText(),
                        s.getPopulationFirstRep().getCount()))
                .toList();
    }

    /** A provider-stratified group's strata: provider reference and the stratum's score, in the report's order. */
    private static List<Map.Entry<String, Double>> stratumScores(MeasureReport report, String code) {
        return providerStrata(report, code)
                .map(s -> Map.entry(
                        s.getValue().getCodingFirstRep().getCode(),
                        s.getMeasureScore().getValue().doubleValue()))
                .toList();
    }

    /** A provider-stratified group's strata: provider reference and the count of one population. */
    private static List<Map.Entry<String, Integer>> stratumCounts(
            MeasureReport report, String code, String population) {
        return providerStrata(report, code)
                .map(s -> Map.entry(
                        s.getValue().getCodingFirstRep().getCode(),
                        s.getPopulation().stream()
                                .filter(p -> population.equals(
                                        p.getCode().getCodingFirstRep().getCode()))
                                .findFirst()
                                .orElseThrow()
                                .getCount()))
                .toList();
    }

    private static java.util.stream.Stream<MeasureReport.StratifierGroupComponent> providerStrata(
            MeasureReport report, String code) {
        return report.getGroup().stream()
                .filter(g -> code.equals(g.getCode().getCodingFirstRep().getCode()))
                .flatMap(g -> g.getStratifierFirstRep().getStratum().stream());
    }

    private static List<Map.Entry<String, Integer>> strata(MeasureReport report, String code) {
        return report.getGroup().stream()
                .filter(g -> code.equals(g.getCode().getCodingFirstRep().getCode()))
                .flatMap(g -> g.getStratifierFirstRep().getStratum().stream())
                .map(s -> Map.entry(
                        s.getValue().getText(), s.getPopulationFirstRep().getCount()))
                .toList();
    }

    private void fact(
            String id,
            String provider,
            String day,
            int minutes,
            String status,
            int lead,
            boolean urgent,
            String cancelledBy,
            boolean rescheduled,
            boolean inPool) {
        jdbc.update(
                """
                insert into mediwox.appointment_fact (appointment_id, provider, location_id, pool_key, assignment, status,
                  start_at, minutes, local_day, urgent, booked_at, lead_minutes, cancelled_at, cancelled_by, rescheduled)
                values (?, ?, 'L1', ?, ?, ?, (?::date + time '10:00') at time zone 'America/New_York', ?, ?::date, ?,
                  (?::date + time '10:00') at time zone 'America/New_York' - make_interval(mins => ?), ?,
                  case when ? = 'cancelled' then now() end, ?, ?)""",
                "wl-" + pool.hashCode() + "-" + id,
                provider,
                inPool ? pool : "",
                inPool ? "rotation" : null,
                status,
                day,
                minutes,
                day,
                urgent,
                day,
                lead,
                lead,
                status,
                cancelledBy,
                rescheduled);
    }

    /**
     * The demo clinician's role in the demo data (by its identifier: other tests of the run may give the clinician
     * further roles, such as one at a test pool's Location).
     */
    private String clinicianRole() {
        return client().search()
                .byUrl("PractitionerRole?identifier=https://mediwox.org/fhir/demo|role-gp-1")
                .returnBundle(Bundle.class)
                .execute()
                .getEntryFirstRep()
                .getResource()
                .getIdElement()
                .getIdPart();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
