package org.mediwox.scheduling.workload;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;

/** The streamed JSON is the Bundle {@link WorkloadReport#bundle} builds, as HAPI reads and writes it. */
class JsonAnswerTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Test
    void theStreamedJson_isTheBundleTheReportBuilds_forEveryKindOfSubjectAndMeasure() throws Exception {
        LocalDate from = LocalDate.parse("2031-03-03");
        String pool = "specialty=urn:x|p \"1\";visit-type=;location=";
        List<WorkloadQuery.Row> rows = new ArrayList<>();
        Counters counters = new Counters(9, 300, 230, 110, 2, 3, 1, 1, 1, 1, 2, 9);
        for (WorkloadQuery.Level level : WorkloadQuery.Level.values()) {
            String subject = switch (level) {
                case PROVIDER -> "PractitionerRole/a";
                case POOL -> pool;
                case TOTAL -> "";
            };
            rows.add(new WorkloadQuery.Row(level, subject, null, counters, 1440.0, 7833.6, 45.5, null, 12, 360));
            rows.add(new WorkloadQuery.Row(
                    level,
                    subject,
                    from,
                    counters,
                    1440.0,
                    1.0 / 3,
                    null,
                    null,
                    level == WorkloadQuery.Level.POOL ? null : 4,
                    120));
            rows.add(new WorkloadQuery.Row(
                    level, subject, from.plusWeeks(1), Counters.ZERO, null, null, null, null, null, null));
        }
        rows.add(new WorkloadQuery.Row(
                WorkloadQuery.Level.PROVIDER, "PractitionerRole/b", from, counters, 1.0, 2.0, 3.0, 4.0, 0, 0));
        WorkloadReport.Figures figures = new WorkloadReport.Figures(
                from,
                from.plusWeeks(2),
                WorkloadQuery.Grain.WEEK,
                rows,
                Map.of("PractitionerRole/a", new WorkloadReport.Label(null, "Provider A")),
                List.of(new WorkloadReport.PoolFairness(
                        pool,
                        new Fairness(3, 9, 2, 0.2722, 0.1481),
                        List.of(
                                new WorkloadReport.Share(
                                        new WorkloadReport.Label("PractitionerRole/a", null), 4, 4 / 9.0, 360, 0.6),
                                new WorkloadReport.Share(
                                        new WorkloadReport.Label(null, "Provider B"), 3, 1 / 3.0, 240, 0.4),
                                new WorkloadReport.Share(
                                        new WorkloadReport.Label(null, "Provider C"), 0, null, 0, 0.0)))),
                Map.of(pool, new WorkloadReport.NextAvailable(Instant.now(), 0L, null, null)));
        for (WorkloadQuery.Grain grain : List.of(WorkloadQuery.Grain.WEEK, WorkloadQuery.Grain.NONE)) {
            WorkloadReport.Figures asked = new WorkloadReport.Figures(
                    figures.from(),
                    figures.to(),
                    grain,
                    figures.rows(),
                    figures.providers(),
                    figures.fairness(),
                    figures.nextAvailable());
            Date now = new Date();
            Bundle built = WorkloadReport.bundle(asked, now);
            StringWriter streamed = new StringWriter();
            JsonAnswer.write(
                    asked,
                    now,
                    built.getEntry().stream()
                            .map(Bundle.BundleEntryComponent::getFullUrl)
                            .toList(),
                    streamed);

            String expected = FHIR.newJsonParser().encodeResourceToString(built);
            Bundle read = FHIR.newJsonParser().parseResource(Bundle.class, streamed.toString());
            assertThat(read.getEntry())
                    .as("a subject without a whole-period row has no report")
                    .hasSize(3);
            assertThat(FHIR.newJsonParser().encodeResourceToString(read))
                    .as(grain.code())
                    .isEqualTo(expected);
            // and written as HAPI writes it: the same JSON text, field by field
            assertThat(streamed.toString()).as(grain.code()).isEqualTo(expected);
        }
    }
}
