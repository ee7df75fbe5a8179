package org.polysim.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.polysim.engine.MetricView;

/** Charts read back as pictures: size, not blank, and lines where the data puts them. */
class MetricChartTest {

    /** The first two line colours of the palette. */
    static final int BLUE = 0x1f77b4;
    static final int RED = 0xd62728;

    static MetricView metric(String name, int ticks, IntToDoubleFunction value) {
        double[] times = new double[ticks];
        double[] values = new double[ticks];
        for (int i = 0; i < ticks; i++) {
            times[i] = i + 1;
            values[i] = value.applyAsDouble(i + 1);
        }
        return new MetricView(name, ticks, 0, 0, 0, 0, 0, ticks, null, times, values);
    }

    /** Keeps a copy to look at when -Dpolysim.pictures=DIR is given. */
    static void keep(String name, byte[] png) throws Exception {
        String dir = System.getProperty("polysim.pictures");
        if (dir != null) {
            Files.createDirectories(Path.of(dir));
            Files.write(Path.of(dir, name + ".png"), png);
        }
    }

    @Test
    void aRisingMetricIsDrawnRisingFromLeftToRight() throws Exception {
        MetricChart.Drawn drawn = MetricChart.draw(List.of(metric("rising", 100, t -> 3 * t)), List.of("rising"),
                null, null, "rising", 800, 500);
        keep("rising", drawn.png());
        BufferedImage image = Pictures.decode(drawn.png());
        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(image.getHeight()).isEqualTo(500);
        assertThat(Pictures.brightnessVariance(image)).isGreaterThan(100);
        double left = Pictures.rowOf(image, 200, BLUE);
        double right = Pictures.rowOf(image, 600, BLUE);
        assertThat(left).as("the line crosses column 200").isPositive();
        assertThat(right).as("the line crosses column 600").isPositive();
        assertThat(left).as("higher values are higher on screen (smaller rows)").isGreaterThan(right + 100);
        assertThat(drawn.points()).isEqualTo(100);
        assertThat(drawn.downsampled()).isFalse();
        assertThat(drawn.from()).isEqualTo(1);
        assertThat(drawn.to()).isEqualTo(100);
    }

    @Test
    void twoLinesLieWhereTheirValuesAre() throws Exception {
        MetricChart.Drawn drawn = MetricChart.draw(List.of(metric("high", 50, t -> 100), metric("low", 50, t -> 40)),
                List.of("high", "low"), null, null, "two", 600, 400);
        keep("two-lines", drawn.png());
        BufferedImage image = Pictures.decode(drawn.png());
        assertThat(image.getWidth()).isEqualTo(600);
        assertThat(image.getHeight()).isEqualTo(400);
        assertThat(drawn.panels()).isEqualTo(1); // 100 and 40 are within ten times: one shared axis
        double high = Pictures.rowOf(image, 300, BLUE);
        double low = Pictures.rowOf(image, 300, RED);
        assertThat(high).isPositive();
        assertThat(low).isPositive().isGreaterThan(high + 50);
    }

    @Test
    void aLongSeriesIsBucketedToHalfTheWidthAndStillSpansThePlot() throws Exception {
        MetricChart.Drawn drawn = MetricChart.draw(List.of(metric("noisy", 20_000, t -> Math.sin(t / 500.0)
                + (t * 7919 % 13) / 13.0)), List.of("noisy"), null, null, "long", 800, 500);
        keep("long", drawn.png());
        assertThat(drawn.downsampled()).isTrue();
        assertThat(drawn.points()).isEqualTo(400);
        assertThat(drawn.to()).isEqualTo(20_000);
        assertThat(Pictures.columnsWith(Pictures.decode(drawn.png()), BLUE)).isGreaterThan(600);
        assertThat(drawn.png().length).as("an 8-bit palette PNG stays small").isLessThan(45_000);
    }

    @Test
    void metricsOfFarApartScalesGetAPanelEachSoNoneIsFlat() throws Exception {
        MetricChart.Drawn drawn = MetricChart.draw(List.of(metric("wealth", 100, t -> 3000 + t),
                metric("gini", 100, t -> t / 200.0)), List.of("wealth", "gini"), null, null, "apart", 800, 500);
        keep("panels", drawn.png());
        assertThat(drawn.panels()).isEqualTo(2);
        BufferedImage image = Pictures.decode(drawn.png());
        // each rises across its own panel: the red line spans many rows, which on a shared axis it would not
        double left = Pictures.rowOf(image, 150, RED);
        double right = Pictures.rowOf(image, 650, RED);
        assertThat(left).isGreaterThan(right + 40);
    }

    @Test
    void aWindowLimitsTheTimesDrawn() {
        MetricChart.Drawn drawn = MetricChart.draw(List.of(metric("m", 100, t -> t)), List.of("m"), 20.0, 30.0, "w",
                400, 300);
        assertThat(drawn.from()).isEqualTo(20);
        assertThat(drawn.to()).isEqualTo(30);
        assertThat(drawn.points()).isEqualTo(11);
    }

    @Test
    void badSizesAndEmptyWindowsAreErrorsThatSayWhatToChange() {
        List<MetricView> one = List.of(metric("m", 10, t -> t));
        assertThatThrownBy(() -> MetricChart.draw(one, List.of("m"), null, null, "t", 2000, 500))
                .hasMessageContaining("width must be between 200 and 800 pixels, got 2000");
        assertThatThrownBy(() -> MetricChart.draw(one, List.of("m"), 50.0, null, "t", 800, 500))
                .hasMessageContaining("no values of m in the window from time 50");
        assertThatThrownBy(() -> MetricChart.draw(one, List.of("m"), null, null, "t".repeat(5000), 800, 500))
                .hasMessageContaining("title has 5000 characters; at most 200");
    }
}
