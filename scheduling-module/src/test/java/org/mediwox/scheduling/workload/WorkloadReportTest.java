package org.mediwox.scheduling.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MeasureReport;
import org.junit.jupiter.api.Test;
import org.mediwox.scheduling.workload.WorkloadQuery.Grain;
import org.mediwox.scheduling.workload.WorkloadQuery.Level;
import org.mediwox.scheduling.workload.WorkloadQuery.Row;

class WorkloadReportTest {

    private static final LocalDate MONDAY = LocalDate.parse("2031-03-03");
    private static final String POOL = "specialty=http://snomed.info/sct|394814009;visit-type=;location=";
    private static final Counters THREE = new Counters(3, 90, 60, 30, 1, 1, 1, 0, 1, 0, 0, 3);

    @Test
    void csv_quotesWhatNeedsIt_andOneBucketIsNotRepeatedForTheWholePeriod() {
        WorkloadReport.Figures figures = figures(
                Grain.NONE,
                List.of(
                        new Row(Level.POOL, POOL, null, THREE, 1440.0, 2000.0, null, null, null, null),
                        new Row(Level.POOL, POOL, MONDAY, THREE, 1440.0, 2000.0, null, null, null, null)),
                Map.of());

        List<String> lines = WorkloadReport.csv(figures).lines().toList();

        assertThat(lines).hasSize(2);
        assertThat(lines.get(1))
                .isEqualTo("pool," + POOL + ",,,3,90,60,30,1,1,1,0,1,0,0,3,1440.0,2000.0,,,,,,2,0.2722,0.1481,0,3");
        WorkloadReport.Figures named = figures(
                Grain.WEEK,
                List.of(new Row(Level.PROVIDER, "PractitionerRole/1", null, THREE, null, null, null, null, null, null)),
                Map.of("PractitionerRole/1", new WorkloadReport.Label(null, "Provider \"A\", senior")));
        assertThat(WorkloadReport.csv(named)).contains("provider,,\"Provider \"\"A\"\", senior\",");
        WorkloadReport.Figures twoLines = figures(
                Grain.WEEK,
                List.of(new Row(Level.PROVIDER, "PractitionerRole/1", null, THREE, null, null, null, null, null, null)),
                Map.of("PractitionerRole/1", new WorkloadReport.Label(null, "first\nsecond\nthird")));
        assertThat(WorkloadReport.csv(twoLines)).contains("provider,,\"first\nsecond\nthird\",");
    }

    @Test
    void bundle_hasOneSummaryReportPerSubject_withAStratumPerBucket() {
        WorkloadReport.Figures figures = figures(
                Grain.DAY,
                List.of(
                        new Row(Level.PROVIDER, "PractitionerRole/1", null, THREE, 60.0, 90.0, null, null, null, null),
                        new Row(
                                Level.PROVIDER,
                                "PractitionerRole/1",
                                MONDAY,
                                THREE,
                                60.0,
                                90.0,
                                null,
                                null,
                                null,
                                null),
                        new Row(Level.TOTAL, "", null, THREE, 60.0, 90.0, null, null, null, null)),
                Map.of());

        Bundle bundle = WorkloadReport.bundle(figures, new Date());

        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
        assertThat(bundle.getEntry()).hasSize(2);
        MeasureReport provider = (MeasureReport) bundle.getEntryFirstRep().getResource();
        assertThat(provider.getType()).isEqualTo(MeasureReport.MeasureReportType.SUMMARY);
        assertThat(provider.getSubject().getReference()).isEqualTo("PractitionerRole/1");
        assertThat(provider.getPeriod().getStartElement().getValueAsString()).isEqualTo("2031-03-03");
        assertThat(provider.getPeriod().getEndElement().getValueAsString()).isEqualTo("2031-03-09");
        var booked = provider.getGroup().stream()
                .filter(g -> g.getCode().getCodingFirstRep().getCode().equals("booked"))
                .findFirst()
                .orElseThrow();
        assertThat(booked.getPopulationFirstRep().getCount()).isEqualTo(3);
        assertThat(booked.getStratifierFirstRep()
                        .getStratumFirstRep()
                        .getValue()
                        .getText())
                .isEqualTo("2031-03-03");
        var lead = provider.getGroup().stream()
                .filter(g -> g.getCode().getCodingFirstRep().getCode().equals("lead-time-p90"))
                .findFirst()
                .orElseThrow();
        assertThat(lead.getMeasureScore().getValue().doubleValue()).isEqualTo(90.0);
        assertThat(lead.getMeasureScore().getCode()).isEqualTo("min");
        assertThat(((MeasureReport) bundle.getEntry().get(1).getResource()).hasSubject())
                .as("the total has no single subject")
                .isFalse();
    }

    private static WorkloadReport.Figures figures(
            Grain grain, List<Row> rows, Map<String, WorkloadReport.Label> labels) {
        Fairness fairness = Fairness.of(List.of(4, 3, 2));
        return new WorkloadReport.Figures(
                MONDAY,
                MONDAY.plusDays(7),
                grain,
                rows,
                labels,
                List.of(new WorkloadReport.PoolFairness(POOL, fairness, List.of())),
                Map.of(POOL, new WorkloadReport.NextAvailable(null, 0L, null, 3L)));
    }
}
