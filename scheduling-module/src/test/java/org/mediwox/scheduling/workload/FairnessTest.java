package org.mediwox.scheduling.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class FairnessTest {

    @Test
    void anEvenRotation_hasNoSpreadAndAGiniOfZero() {
        Fairness even = Fairness.of(List.of(4, 4, 4));
        assertThat(even.spread()).isZero();
        assertThat(even.cv()).isZero();
        assertThat(even.gini()).isZero();
    }

    @Test
    void oneProviderWithEverything_hasTheLargestGini() {
        // G = 2 * (3 * 9) / (3 * 9) - 4/3 = 2/3 = (n-1)/n
        Fairness all = Fairness.of(List.of(0, 9, 0));
        assertThat(all.spread()).isEqualTo(9);
        assertThat(all.gini()).isCloseTo(2.0 / 3, within(1e-12));
        // mean 3, population sd sqrt((9 + 36 + 9) / 3) = sqrt(18)
        assertThat(all.cv()).isCloseTo(Math.sqrt(18) / 3, within(1e-12));
    }

    @Test
    void aRotationOneTurnApart_byHand() {
        // 5, 4, 4, 3: total 16, sorted 3 4 4 5, sum i*x = 3 + 8 + 12 + 20 = 43
        // G = 2 * 43 / (4 * 16) - 5/4 = 1.34375 - 1.25 = 0.09375
        Fairness f = Fairness.of(List.of(5, 4, 4, 3));
        assertThat(f.assigned()).isEqualTo(16);
        assertThat(f.spread()).isEqualTo(2);
        assertThat(f.gini()).isCloseTo(0.09375, within(1e-12));
        // mean 4, variance (1 + 0 + 0 + 1) / 4 = 0.5
        assertThat(f.cv()).isCloseTo(Math.sqrt(0.5) / 4, within(1e-12));
    }

    @Test
    void aPoolThatAssignedNothing_hasNoRatios() {
        Fairness none = Fairness.of(List.of(0, 0));
        assertThat(none.providers()).isEqualTo(2);
        assertThat(none.cv()).isNull();
        assertThat(none.gini()).isNull();
        assertThat(Fairness.of(List.of()).providers()).isZero();
    }
}
