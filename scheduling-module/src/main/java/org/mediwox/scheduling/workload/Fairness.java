package org.mediwox.scheduling.workload;

import java.util.List;
import java.util.stream.IntStream;

/**
 * How evenly a pool's rotation spread its assignments over the pool's providers in a period: the spread (most minus
 * fewest), the coefficient of variation (population standard deviation over the mean) and the Gini coefficient (0: all
 * equal; (n-1)/n: one provider has all). Providers of the pool with no assignment count, with 0.
 *
 * @param cv null when the pool assigned nothing
 * @param gini null when the pool assigned nothing
 */
public record Fairness(int providers, int assigned, int spread, Double cv, Double gini) {

    /** The figures of the assignment counts {@code x}, one per provider. */
    public static Fairness of(List<Integer> x) {
        int n = x.size();
        if (n == 0) {
            return new Fairness(0, 0, 0, null, null);
        }
        int[] sorted = x.stream().mapToInt(Integer::intValue).sorted().toArray();
        int total = IntStream.of(sorted).sum();
        int spread = sorted[n - 1] - sorted[0];
        if (total == 0) {
            return new Fairness(n, 0, spread, null, null);
        }
        double mean = (double) total / n;
        double variance =
                IntStream.of(sorted).mapToDouble(v -> (v - mean) * (v - mean)).sum() / n;
        double weighted = 0;
        for (int i = 0; i < n; i++) {
            weighted += (i + 1) * (double) sorted[i];
        }
        double gini = 2 * weighted / (n * (double) total) - (n + 1.0) / n;
        return new Fairness(n, total, spread, Math.sqrt(variance) / mean, gini);
    }
}
