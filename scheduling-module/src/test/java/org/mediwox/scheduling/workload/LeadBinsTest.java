package org.mediwox.scheduling.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LeadBinsTest {

    @Test
    void everyMinuteFallsInTheBinWhoseBoundsHoldIt_andItsRepresentativeIsWithinOneThirtySecond() {
        for (int minutes = 0; minutes < (1 << 20) + 100; minutes++) {
            int bin = LeadBins.of(minutes);
            assertThat(LeadBins.lower(bin)).isLessThanOrEqualTo(minutes);
            if (bin + 1 < LeadBins.COUNT) {
                assertThat(LeadBins.lower(bin + 1)).isGreaterThan(minutes);
            }
            if (minutes < (1 << 20)) {
                assertThat(Math.abs(LeadBins.representative(bin) - minutes)).isLessThanOrEqualTo(minutes / 32.0);
            }
        }
        assertThat(LeadBins.of(31)).isEqualTo(31);
        assertThat(LeadBins.representative(LeadBins.of(17))).isEqualTo(17.0);
        assertThat(LeadBins.of(Integer.MAX_VALUE)).isEqualTo(LeadBins.COUNT - 1);
    }

    @Test
    void percentiles_arePercentileContOfTheRepresentatives_andWithinOneThirtySecondOfTheExactOnes() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(300);
            int[] leads = new int[n];
            int[] counts = new int[LeadBins.COUNT];
            for (int i = 0; i < n; i++) {
                leads[i] = random.nextInt(4) == 0 ? random.nextInt(40) : random.nextInt(300_000);
                counts[LeadBins.of(leads[i])]++;
            }
            double[] representatives = Arrays.stream(leads)
                    .mapToDouble(v -> LeadBins.representative(LeadBins.of(v)))
                    .toArray();
            for (double p : new double[] {0.5, 0.9}) {
                double exact =
                        percentileCont(Arrays.stream(leads).asDoubleStream().toArray(), p);
                Double estimate = LeadBins.percentile(counts, p);
                assertThat(estimate).isCloseTo(percentileCont(representatives, p), within(1e-9));
                assertThat(Math.abs(estimate - exact)).isLessThanOrEqualTo(exact / 32.0 + 1e-9);
            }
        }
    }

    @Test
    void percentiles_ofNothingAreNull_andAShortArrayIsEmptyBinsBeyondItsEnd() {
        assertThat(LeadBins.percentile(new int[0], 0.5)).isNull();
        assertThat(LeadBins.percentile(new int[] {0, 0}, 0.9)).isNull();
        // 30 and 60 (counted as 61): p50 45.5, p90 30 + 0.9 * 31
        int[] counts = new int[LeadBins.of(60) + 1];
        counts[30] = 1;
        counts[LeadBins.of(60)] = 1;
        assertThat(LeadBins.percentile(counts, 0.5)).isEqualTo(45.5);
        assertThat(LeadBins.percentile(counts, 0.9)).isCloseTo(57.9, within(1e-9));
    }

    @Test
    void segments_areWeeksCutAtMonthEnds() {
        // Tuesday 2031-07-01: the week of Monday 06-30 is cut into 06-30 and 07-01..07-06
        assertThat(Segments.startOf(LocalDate.parse("2031-06-30"))).isEqualTo(LocalDate.parse("2031-06-30"));
        assertThat(Segments.endOf(LocalDate.parse("2031-06-30"))).isEqualTo(LocalDate.parse("2031-07-01"));
        assertThat(Segments.startOf(LocalDate.parse("2031-07-03"))).isEqualTo(LocalDate.parse("2031-07-01"));
        assertThat(Segments.endOf(LocalDate.parse("2031-07-01"))).isEqualTo(LocalDate.parse("2031-07-07"));
        assertThat(Segments.startOf(LocalDate.parse("2031-07-13"))).isEqualTo(LocalDate.parse("2031-07-07"));
        assertThat(Segments.endOf(LocalDate.parse("2031-07-07"))).isEqualTo(LocalDate.parse("2031-07-14"));
    }

    @Test
    void binArraysAreReadAsPostgreSqlWritesThem() {
        assertThat(Segments.parse("{}")).isEmpty();
        assertThat(Segments.parse(null)).isEmpty();
        assertThat(Segments.parse("{0,12,-3,0,40}")).containsExactly(0, 12, -3, 0, 40);
    }

    /** PostgreSQL's percentile_cont. */
    private static double percentileCont(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double rank = p * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = (int) Math.ceil(rank);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }
}
