package org.mediwox.scheduling.workload;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupComponent;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/**
 * Renders workload figures as FHIR (a {@code collection} Bundle of summary MeasureReports: one per provider, per pool
 * and one for everything selected, each measure a group stratified by period bucket) and as CSV (one row per subject and
 * bucket). The codes are the IG's CodeSystem {@value #MEASURES}.
 */
public final class WorkloadReport {

    public static final String MEASURE = "https://mediwox.org/fhir/Measure/workload";
    public static final String MEASURES = "https://mediwox.org/fhir/CodeSystem/workload-measure";
    public static final String POOL_SYSTEM = "https://mediwox.org/fhir/provider-pool";

    /** A provider as the report names them: their reference, or for an anonymised colleague only a label. */
    public record Label(String reference, String label) {}

    /** A pool's fairness, and each provider's share of its assignments. */
    public record PoolFairness(String pool, Fairness figures, List<Share> shares) {}

    /**
     * A provider's assignments in a pool; {@code share} of the pool's total (null when it assigned nothing); the minutes
     * of Slots they offered in the period and their {@code capacityShare} of the pool members' offered minutes (null
     * when the members offered none): a provider working half the hours of a colleague is fairly given half as many.
     */
    public record Share(Label provider, int assigned, Double share, int offeredMinutes, Double capacityShare) {}

    /**
     * How soon a pool can see a new patient, as of the report: the first and the third free Slot of its providers (the
     * "third next available" clinics use: the third, because the first two are often a cancellation's leftovers), and
     * the clinic-local days until each (0: today). Null when there is none within a year.
     */
    public record NextAvailable(Instant first, Long firstDays, Instant third, Long thirdDays) {}

    /** Everything one report holds. */
    public record Figures(
            LocalDate from,
            LocalDate to,
            WorkloadQuery.Grain grain,
            List<WorkloadQuery.Row> rows,
            Map<String, Label> providers,
            List<PoolFairness> fairness,
            Map<String, NextAvailable> nextAvailable) {

        /** The same figures for the levels asked for only (providers, pools, the total). */
        public Figures only(java.util.Set<WorkloadQuery.Level> levels) {
            return new Figures(
                    from,
                    to,
                    grain,
                    rows.stream().filter(r -> levels.contains(r.level())).toList(),
                    providers,
                    levels.contains(WorkloadQuery.Level.POOL) ? fairness : List.of(),
                    levels.contains(WorkloadQuery.Level.POOL) ? nextAvailable : Map.of());
        }
    }

    record Measure(String code, String display, Function<WorkloadQuery.Row, Number> value, boolean count) {}

    static final List<Measure> MEASURE_LIST = List.of(
            new Measure("booked", "Appointments booked", r -> r.counters().booked(), true),
            new Measure("booked-minutes", "Minutes booked", r -> r.counters().bookedMinutes(), true),
            new Measure(
                    "kept-minutes",
                    "Minutes kept (not cancelled)",
                    r -> r.counters().keptMinutes(),
                    true),
            new Measure(
                    "attended-minutes", "Minutes attended", r -> r.counters().attendedMinutes(), true),
            new Measure(
                    "active",
                    "Booked, arrived or checked in now",
                    r -> r.counters().active(),
                    true),
            new Measure("fulfilled", "Fulfilled", r -> r.counters().fulfilled(), true),
            new Measure("noshow", "No-shows", r -> r.counters().noshow(), true),
            new Measure(
                    "cancelled-patient",
                    "Cancelled by the patient",
                    r -> r.counters().cancelledPatient(),
                    true),
            new Measure(
                    "cancelled-clinic",
                    "Cancelled by the clinic",
                    r -> r.counters().cancelledClinic(),
                    true),
            new Measure("rescheduled", "Rescheduled", r -> r.counters().rescheduled(), true),
            new Measure("urgent", "Urgent bookings", r -> r.counters().urgent(), true),
            new Measure("pool-assigned", "Assigned by a pool", r -> r.counters().poolAssigned(), true),
            new Measure("lead-time-p50", "Lead time, median (minutes)", WorkloadQuery.Row::leadP50, false),
            new Measure("lead-time-p90", "Lead time, 90th percentile (minutes)", WorkloadQuery.Row::leadP90, false),
            new Measure("urgent-wait-p50", "Urgent wait, median (minutes)", WorkloadQuery.Row::urgentWaitP50, false),
            new Measure(
                    "urgent-wait-p90",
                    "Urgent wait, 90th percentile (minutes)",
                    WorkloadQuery.Row::urgentWaitP90,
                    false),
            new Measure("offered", "Slots offered", WorkloadQuery.Row::offered, true),
            new Measure("offered-minutes", "Minutes offered", WorkloadQuery.Row::offeredMinutes, true),
            new Measure("utilisation", "Utilisation (kept / offered minutes)", WorkloadQuery.Row::utilisation, false));

    private WorkloadReport() {}

    /** One MeasureReport's rows: the whole period's, and its buckets' in order. */
    record Subject(WorkloadQuery.Row whole, List<WorkloadQuery.Row> buckets) {}

    /** The reports a Bundle holds, in order: each subject with a whole-period row. */
    static List<Subject> subjects(Figures figures) {
        Map<String, List<WorkloadQuery.Row>> bySubject = new LinkedHashMap<>();
        figures.rows()
                .forEach(row -> bySubject
                        .computeIfAbsent(row.level() + "|" + row.subject(), k -> new ArrayList<>())
                        .add(row));
        List<Subject> subjects = new ArrayList<>();
        for (List<WorkloadQuery.Row> rows : bySubject.values()) {
            rows.stream()
                    .filter(r -> r.bucket() == null)
                    .findFirst()
                    .ifPresent(whole -> subjects.add(new Subject(
                            whole, rows.stream().filter(r -> r.bucket() != null).toList())));
        }
        return subjects;
    }

    /** The figures as a Bundle of MeasureReports. */
    public static Bundle bundle(Figures figures, Date now) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        bundle.setTimestamp(now);
        Map<String, PoolFairness> fairness = new LinkedHashMap<>();
        figures.fairness().forEach(f -> fairness.put(f.pool(), f));
        for (Subject subject : subjects(figures)) {
            WorkloadQuery.Row whole = subject.whole();
            MeasureReport report = report(figures, now, whole);
            for (Measure measure : MEASURE_LIST) {
                MeasureReportGroupComponent group = report.addGroup().setCode(code(measure.code(), measure.display()));
                put(group, measure, whole);
                if (figures.grain() != WorkloadQuery.Grain.NONE) {
                    var stratifier = group.addStratifier().addCode(code("period", "Period bucket"));
                    subject.buckets().forEach(r -> {
                        var stratum = stratifier
                                .addStratum()
                                .setValue(
                                        new CodeableConcept().setText(r.bucket().toString()));
                        Number value = measure.value().apply(r);
                        if (value != null && measure.count()) {
                            // the group names the measure: a stratum's population carries only its count
                            stratum.addPopulation().setCount(value.intValue());
                        } else if (value != null) {
                            stratum.setMeasureScore(score(measure, value.doubleValue()));
                        }
                    });
                }
            }
            if (whole.level() == WorkloadQuery.Level.POOL && fairness.containsKey(whole.subject())) {
                addFairness(report, fairness.get(whole.subject()));
            }
            if (whole.level() == WorkloadQuery.Level.POOL
                    && figures.nextAvailable().containsKey(whole.subject())) {
                addNextAvailable(report, figures.nextAvailable().get(whole.subject()));
            }
            bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(report);
        }
        return bundle;
    }

    private static MeasureReport report(Figures figures, Date now, WorkloadQuery.Row whole) {
        MeasureReport report = new MeasureReport()
                .setStatus(MeasureReport.MeasureReportStatus.COMPLETE)
                .setType(MeasureReport.MeasureReportType.SUMMARY)
                .setMeasure(MEASURE)
                .setDate(now)
                .setPeriod(new Period()
                        .setStartElement(new DateTimeType(figures.from().toString()))
                        .setEndElement(
                                new DateTimeType(figures.to().minusDays(1).toString())));
        switch (whole.level()) {
            case PROVIDER -> {
                Label label = figures.providers().getOrDefault(whole.subject(), new Label(whole.subject(), null));
                Reference subject = label.reference() == null ? new Reference() : new Reference(label.reference());
                report.setSubject(subject.setDisplay(label.label()));
            }
            case POOL ->
                report.setSubject(new Reference()
                        .setType("Group")
                        .setIdentifier(new Identifier().setSystem(POOL_SYSTEM).setValue(whole.subject()))
                        .setDisplay("Pool " + whole.subject()));
            case TOTAL -> {
                // everything selected: no single subject
            }
        }
        return report;
    }

    private static void put(MeasureReportGroupComponent group, Measure measure, WorkloadQuery.Row row) {
        Number value = measure.value().apply(row);
        if (value != null && measure.count()) {
            group.addPopulation().setCode(code(measure.code(), null)).setCount(value.intValue());
        } else if (value != null) {
            group.setMeasureScore(score(measure, value.doubleValue()));
        }
    }

    private static void addFairness(MeasureReport report, PoolFairness pool) {
        Fairness f = pool.figures();
        report.addGroup()
                .setCode(code("spread", "Most minus fewest assignments"))
                .setMeasureScore(new Quantity().setValue(f.spread()).setUnit("1"));
        if (f.cv() != null) {
            report.addGroup()
                    .setCode(code("cv", "Coefficient of variation of assignments"))
                    .setMeasureScore(new Quantity().setValue(round(f.cv())).setUnit("1"));
            report.addGroup()
                    .setCode(code("gini", "Gini coefficient of assignments"))
                    .setMeasureScore(new Quantity().setValue(round(f.gini())).setUnit("1"));
        }
        var shares = report.addGroup().setCode(code("share", "Share of the pool's assignments"));
        var byProvider = shares.addStratifier().addCode(code("provider", "Provider"));
        for (Share share : pool.shares()) {
            var stratum = byProvider.addStratum().setValue(providerValue(share.provider()));
            stratum.addPopulation().setCode(code("pool-assigned", null)).setCount(share.assigned());
            if (share.share() != null) {
                stratum.setMeasureScore(
                        new Quantity().setValue(round(share.share())).setUnit("1"));
            }
        }
        var capacity = report.addGroup().setCode(code("capacity-share", "Share of the pool members' offered minutes"));
        var capacityByProvider = capacity.addStratifier().addCode(code("provider", "Provider"));
        for (Share share : pool.shares()) {
            var stratum = capacityByProvider.addStratum().setValue(providerValue(share.provider()));
            stratum.addPopulation().setCode(code("offered-minutes", null)).setCount(share.offeredMinutes());
            if (share.capacityShare() != null) {
                stratum.setMeasureScore(
                        new Quantity().setValue(round(share.capacityShare())).setUnit("1"));
            }
        }
    }

    private static CodeableConcept providerValue(Label provider) {
        CodeableConcept value =
                new CodeableConcept().setText(provider.label() != null ? provider.label() : provider.reference());
        if (provider.reference() != null) {
            value.addCoding(new Coding().setCode(provider.reference()));
        }
        return value;
    }

    private static void addNextAvailable(MeasureReport report, NextAvailable next) {
        if (next.firstDays() != null) {
            report.addGroup()
                    .setCode(code("first-available", "Days to the first free Slot"))
                    .setMeasureScore(days(next.firstDays()));
        }
        if (next.thirdDays() != null) {
            report.addGroup()
                    .setCode(code("third-available", "Days to the third free Slot"))
                    .setMeasureScore(days(next.thirdDays()));
        }
    }

    private static Quantity days(long days) {
        return new Quantity()
                .setValue(days)
                .setUnit("d")
                .setSystem("http://unitsofmeasure.org")
                .setCode("d");
    }

    /** The figures as CSV (RFC 4180, header row): one row per subject and bucket, the whole period first. */
    public static String csv(Figures figures) {
        StringBuilder csv = new StringBuilder("level,subject,label,bucket");
        MEASURE_LIST.forEach(m -> csv.append(',').append(m.code()));
        csv.append(",spread,cv,gini,first-available,third-available\r\n");
        Map<String, PoolFairness> fairness = new LinkedHashMap<>();
        figures.fairness().forEach(f -> fairness.put(f.pool(), f));
        for (WorkloadQuery.Row row : figures.rows()) {
            if (figures.grain() == WorkloadQuery.Grain.NONE && row.bucket() != null) {
                continue; // the one bucket is the whole period
            }
            Label label = row.level() == WorkloadQuery.Level.PROVIDER
                    ? figures.providers().getOrDefault(row.subject(), new Label(row.subject(), null))
                    : new Label(row.subject(), null);
            csv.append(row.level().name().toLowerCase(Locale.ROOT))
                    .append(',')
                    .append(field(label.reference()))
                    .append(',')
                    .append(field(label.label()))
                    .append(',')
                    .append(row.bucket() == null ? "" : row.bucket().toString());
            for (Measure measure : MEASURE_LIST) {
                Number value = measure.value().apply(row);
                csv.append(',')
                        .append(value == null ? "" : measure.count() ? value.toString() : round(value.doubleValue()));
            }
            PoolFairness pool = row.level() == WorkloadQuery.Level.POOL && row.bucket() == null
                    ? fairness.get(row.subject())
                    : null;
            if (pool == null) {
                csv.append(",,,");
            } else {
                Fairness f = pool.figures();
                csv.append(',').append(f.spread()).append(',').append(f.cv() == null ? "" : round(f.cv()));
                csv.append(',').append(f.gini() == null ? "" : round(f.gini()));
            }
            NextAvailable next = row.level() == WorkloadQuery.Level.POOL && row.bucket() == null
                    ? figures.nextAvailable().get(row.subject())
                    : null;
            csv.append(',').append(next == null || next.firstDays() == null ? "" : next.firstDays());
            csv.append(',').append(next == null || next.thirdDays() == null ? "" : next.thirdDays());
            csv.append("\r\n");
        }
        return csv.toString();
    }

    private static String field(String value) {
        if (value == null) {
            return "";
        }
        boolean quote = value.indexOf(',') >= 0
                || value.indexOf('"') >= 0
                || value.indexOf('\r') >= 0
                || value.indexOf('\n') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    private static CodeableConcept code(String code, String display) {
        return new CodeableConcept().addCoding(new Coding(MEASURES, code, display));
    }

    /** Utilisation as a ratio, every other score in minutes. */
    private static Quantity score(Measure measure, double value) {
        return measure.code().equals("utilisation")
                ? new Quantity().setValue(round(value)).setUnit("1")
                : minutes(value);
    }

    private static Quantity minutes(double value) {
        return new Quantity()
                .setValue(round(value))
                .setUnit("min")
                .setSystem("http://unitsofmeasure.org")
                .setCode("min");
    }

    static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
