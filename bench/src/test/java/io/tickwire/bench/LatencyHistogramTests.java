package io.tickwire.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LatencyHistogramTests {

    @Test
    void emptyHistogramReportsZero() {
        LatencyHistogram h = new LatencyHistogram(1000);
        assertThat(h.percentile(50)).isZero();
        assertThat(h.percentile(99.9)).isZero();
        assertThat(h.max()).isZero();
        assertThat(h.count()).isZero();
        assertThat(h.mean()).isZero();
    }

    @Test
    void percentilesOfOneToOneHundredAreNearestRank() {
        LatencyHistogram h = new LatencyHistogram(1000);
        for (int v = 100; v >= 1; v--) {
            h.record(v);
        }
        assertThat(h.percentile(0)).isEqualTo(1);
        assertThat(h.percentile(1)).isEqualTo(1);
        assertThat(h.percentile(50)).isEqualTo(50);
        assertThat(h.percentile(50.5)).isEqualTo(51);
        assertThat(h.percentile(90)).isEqualTo(90);
        assertThat(h.percentile(99)).isEqualTo(99);
        assertThat(h.percentile(99.9)).isEqualTo(100);
        assertThat(h.percentile(100)).isEqualTo(100);
        assertThat(h.max()).isEqualTo(100);
        assertThat(h.mean()).isEqualTo(50.5);
    }

    @Test
    void decimalPercentIsNotRoundedUpByBinaryArithmetic() {
        // 99.9 % of 1000 values is rank 999 exactly; 0.999 * 1000 in doubles is 998.9999999999999 or 999.0000000000001
        LatencyHistogram h = new LatencyHistogram(2000);
        for (int v = 1; v <= 1000; v++) {
            h.record(v);
        }
        assertThat(h.percentile(99.9)).isEqualTo(999);
        assertThat(h.percentile(99)).isEqualTo(990);
        assertThat(h.percentile(99.99)).isEqualTo(1000);
        assertThat(h.percentile(10)).isEqualTo(100);
    }

    @Test
    void skewedDistributionPutsTheTailInTheHighPercentiles() {
        LatencyHistogram h = new LatencyHistogram(60_000);
        for (int i = 0; i < 990; i++) {
            h.record(2);
        }
        for (int i = 0; i < 9; i++) {
            h.record(40);
        }
        h.record(1234);
        assertThat(h.percentile(50)).isEqualTo(2);
        assertThat(h.percentile(99)).isEqualTo(2);
        assertThat(h.percentile(99.1)).isEqualTo(40);
        assertThat(h.percentile(99.9)).isEqualTo(40);
        assertThat(h.percentile(99.91)).isEqualTo(1234);
        assertThat(h.max()).isEqualTo(1234);
    }

    @Test
    void singleValueIsEveryPercentile() {
        LatencyHistogram h = new LatencyHistogram(100);
        h.record(7);
        assertThat(h.percentile(0)).isEqualTo(7);
        assertThat(h.percentile(50)).isEqualTo(7);
        assertThat(h.percentile(100)).isEqualTo(7);
    }

    @Test
    void valuesAboveTheLimitAreCountedAndReportedAsTheMax() {
        LatencyHistogram h = new LatencyHistogram(100);
        h.record(10);
        h.record(500);
        h.record(900);
        assertThat(h.count()).isEqualTo(3);
        assertThat(h.overflow()).isEqualTo(2);
        assertThat(h.percentile(33)).isEqualTo(10);
        assertThat(h.percentile(50)).isEqualTo(900);
        assertThat(h.max()).isEqualTo(900);
        assertThat(h.percentile(100)).isEqualTo(900);
    }

    @Test
    void valueAtTheLimitStillHasItsBucket() {
        LatencyHistogram h = new LatencyHistogram(100);
        h.record(100);
        assertThat(h.overflow()).isZero();
        assertThat(h.percentile(50)).isEqualTo(100);
    }

    @Test
    void negativeLatencyCountsAsZero() {
        LatencyHistogram h = new LatencyHistogram(100);
        h.record(-3);
        h.record(4);
        assertThat(h.negative()).isEqualTo(1);
        assertThat(h.percentile(50)).isZero();
        assertThat(h.percentile(100)).isEqualTo(4);
        assertThat(h.mean()).isEqualTo(2.0);
    }

    @Test
    void mergedHistogramEqualsOneThatRecordedEverything() {
        LatencyHistogram a = new LatencyHistogram(1000);
        LatencyHistogram b = new LatencyHistogram(1000);
        LatencyHistogram all = new LatencyHistogram(1000);
        for (int v = 0; v < 500; v++) {
            (v % 3 == 0 ? a : b).record(v * 7 % 1200);
            all.record(v * 7 % 1200);
        }
        a.add(b);
        for (double p : new double[] { 0, 10, 50, 90, 99, 99.9, 100 }) {
            assertThat(a.percentile(p)).as("p%s", p).isEqualTo(all.percentile(p));
        }
        assertThat(a.count()).isEqualTo(all.count());
        assertThat(a.max()).isEqualTo(all.max());
        assertThat(a.overflow()).isEqualTo(all.overflow());
        assertThat(a.mean()).isEqualTo(all.mean());
    }

    @Test
    void percentOutsideZeroToHundredIsRefused() {
        LatencyHistogram h = new LatencyHistogram(10);
        assertThatIllegalArgumentException().isThrownBy(() -> h.percentile(100.1));
        assertThatIllegalArgumentException().isThrownBy(() -> h.percentile(-1));
        assertThatIllegalArgumentException().isThrownBy(() -> h.percentile(Double.NaN));
    }
}
