package org.mediwox.scheduling.workload;

import java.util.Arrays;

/**
 * The log-scale bins lead times are counted in, so that percentiles over a million bookings come from a few thousand
 * stored counts instead of a sort of every booking. Minutes 0–31 each have a bin of their own; from 32 minutes on, every
 * doubling ({@code [2^k, 2^(k+1))}, up to 2^20 minutes ≈ 728 days) is cut into {@value #PER_DOUBLING} bins of equal
 * width; everything from 2^20 on is the last bin.
 *
 * <p>A lead-time percentile is PostgreSQL's {@code percentile_cont} over the bookings' lead times each replaced by its
 * bin's {@link #representative} (the middle of the bin; the value itself below 32 minutes). No value moves by more than
 * half a bin, 1/32 of itself, so neither does any percentile: {@code |estimate - exact| <= exact / 32} (up to 728 days).
 * The same estimate is computed from stored bin counts ({@link #percentile}) and from the facts in SQL
 * ({@code mediwox.lead_rep}, migration V24, which holds the same bounds): every level of a report agrees.
 */
public final class LeadBins {

    /** Bins each doubling from 32 minutes on is cut into. */
    public static final int PER_DOUBLING = 16;

    private static final int EXACT = 32; // 2^5
    private static final int FIRST_DOUBLING = 5;
    private static final int LAST_DOUBLING = 19; // [2^19, 2^20)

    /** How many bins there are. */
    public static final int COUNT = EXACT + (LAST_DOUBLING - FIRST_DOUBLING + 1) * PER_DOUBLING + 1;

    private static final int[] LOWER = new int[COUNT];
    private static final double[] REPRESENTATIVE = new double[COUNT];

    static {
        for (int i = 0; i < EXACT; i++) {
            LOWER[i] = i;
            REPRESENTATIVE[i] = i;
        }
        int i = EXACT;
        for (int k = FIRST_DOUBLING; k <= LAST_DOUBLING; k++) {
            int width = 1 << (k - 4);
            for (int j = 0; j < PER_DOUBLING; j++, i++) {
                LOWER[i] = (1 << k) + j * width;
                REPRESENTATIVE[i] = LOWER[i] + width / 2.0;
            }
        }
        LOWER[COUNT - 1] = 1 << (LAST_DOUBLING + 1);
        REPRESENTATIVE[COUNT - 1] = LOWER[COUNT - 1];
    }

    private LeadBins() {}

    /** The bin of a lead time in minutes (0 for negative ones, which a fact never holds). */
    public static int of(int minutes) {
        if (minutes < EXACT) {
            return Math.max(0, minutes);
        }
        if (minutes >= LOWER[COUNT - 1]) {
            return COUNT - 1;
        }
        int k = 31 - Integer.numberOfLeadingZeros(minutes);
        return EXACT + (k - FIRST_DOUBLING) * PER_DOUBLING + ((minutes - (1 << k)) >> (k - 4));
    }

    /** The smallest lead time of bin {@code bin}. */
    public static int lower(int bin) {
        return LOWER[bin];
    }

    /** The value the lead times of bin {@code bin} count as. */
    public static double representative(int bin) {
        return REPRESENTATIVE[bin];
    }

    /** Every bin's smallest lead time, in order. */
    public static int[] lowerBounds() {
        return LOWER.clone();
    }

    /**
     * {@code percentile_cont(p)} of the lead times counted in {@code counts} (index = bin; shorter arrays are bins left
     * empty), each counted as its bin's representative; null when nothing is counted.
     */
    public static Double percentile(int[] counts, double p) {
        long total = Arrays.stream(counts).asLongStream().sum();
        if (total <= 0) {
            return null;
        }
        double rank = p * (total - 1);
        long below = (long) Math.floor(rank);
        double lower = valueAt(counts, below);
        double fraction = rank - below;
        if (fraction == 0) {
            return lower;
        }
        double upper = valueAt(counts, below + 1);
        return lower + fraction * (upper - lower);
    }

    /** The representative of the lead time at 0-based position {@code position} in sorted order. */
    private static double valueAt(int[] counts, long position) {
        long seen = 0;
        for (int bin = 0; bin < counts.length; bin++) {
            seen += counts[bin];
            if (position < seen) {
                return REPRESENTATIVE[bin];
            }
        }
        throw new IllegalArgumentException("position " + position + " beyond the " + seen + " counted");
    }
}
