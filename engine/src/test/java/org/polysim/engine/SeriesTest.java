package org.polysim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Metrics on one time axis, windowed and bucketed so a long run reads in a few points without losing its peaks. */
class SeriesTest {

    private static MetricView metric(String name, double[] times, double[] values) {
        return new MetricView(name, times.length, 0, 0, 0, 0, 0, times[times.length - 1], null, times, values);
    }

    @Test
    void metricsShareOneAxisWithGapsWhereAMetricHadNoValue() {
        Series s = Series.of(List.of(metric("a", new double[] {1, 2, 3}, new double[] {10, 20, 30}),
                metric("b", new double[] {2, 4}, new double[] {5, 7})), null, null, 100);
        assertThat(s.times()).containsExactly(1, 2, 3, 4);
        assertThat(s.downsampled()).isFalse();
        assertThat(s.lines().get(0).mean()).containsExactly(10, 20, 30, Double.NaN);
        assertThat(s.lines().get(1).mean()).containsExactly(Double.NaN, 5, Double.NaN, 7);
        assertThat(s.lines().get(1).stats()).isEqualTo(new Series.Stats(2, 12, 6, 5, 7, 7, 4));
    }

    @Test
    void aWindowKeepsItsTicksAndItsStatisticsOnly() {
        Series s = Series.of(List.of(metric("a", new double[] {1, 2, 3, 4}, new double[] {1, 2, 3, 4})), 2.0, 3.0,
                100);
        assertThat(s.times()).containsExactly(2, 3);
        assertThat(s.lines().get(0).stats()).isEqualTo(new Series.Stats(2, 5, 2.5, 2, 3, 3, 3));
    }

    @Test
    void bucketsKeepTheirPeaksBesideTheirMeans() {
        double[] times = new double[10];
        double[] values = new double[10];
        for (int i = 0; i < 10; i++) {
            times[i] = i + 1;
            values[i] = i == 6 ? 100 : 1;
        }
        Series s = Series.of(List.of(metric("spiky", times, values)), null, null, 2);
        assertThat(s.downsampled()).isTrue();
        assertThat(s.times()).containsExactly(5, 10); // each bucket stamped with its last time
        Series.Line line = s.lines().get(0);
        assertThat(line.mean()).containsExactly(1, (4 + 100) / 5.0);
        assertThat(line.max()).containsExactly(1, 100);
        assertThat(line.min()).containsExactly(1, 1);
        assertThat(line.stats().max()).isEqualTo(100);
    }
}
