package org.polysim.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.polysim.plot.MetricChartTest.RED;
import static org.polysim.plot.MetricChartTest.keep;
import static org.polysim.plot.MetricChartTest.metric;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jfree.chart.axis.Axis;
import org.junit.jupiter.api.Test;
import org.polysim.engine.MetricView;

/** Metrics of different scales, however many, are drawn in panels by scale, each labelled by its own metrics. */
class MetricChartPanelsTest {

    /** The report: counts of about 12 beside money of about 12,000, five metrics. */
    @Test
    void fiveMetricsOfTwoScalesGetTwoPanelsAndTheSmallOnesAreNotFlat() throws Exception {
        List<MetricView> metrics = List.of(
                metric("gov_budget", 100, t -> 12_000 - 20 * t),
                metric("claims", 100, t -> 4 + t / 10.0),
                metric("pollution_total", 100, t -> 15_000 + 30 * t),
                metric("firm_cash", 100, t -> 12_000 + 40 * t),
                metric("firms", 100, t -> 12 - t / 20.0));
        MetricChart.Drawn drawn = draw(metrics, 800, 500);
        keep("five-metrics", drawn.png());
        assertThat(members(drawn)).containsExactly(
                List.of("gov_budget", "pollution_total", "firm_cash"), List.of("claims", "firms"));
        assertThat(drawn.panels()).isEqualTo(2);
        assertThat(drawn.panelMetrics()).isEqualTo("[gov_budget, pollution_total, firm_cash], [claims, firms]");
        labelsNameTheirMetricsAndFit(drawn);
        // claims rises from 5 to 14 across its own panel; on one axis up to 18,000 it would lie flat on one row
        BufferedImage image = Pictures.decode(drawn.png());
        assertThat(Pictures.rowOf(image, 150, RED)).isGreaterThan(Pictures.rowOf(image, 650, RED) + 40);
    }

    /** The default chart of a model: entity counts, shares and money, ten lines in all. */
    @Test
    void tenMetricsOfThreeScalesGetThreePanels() throws Exception {
        MetricChart.Drawn drawn = draw(List.of(
                metric("entities.sheep", 100, t -> 50 + t / 2.0),
                metric("gini", 100, t -> 0.3 + t / 500.0),
                metric("wealth", 100, t -> 20_000 + 100 * t),
                metric("entities.wolf", 100, t -> 10 + t / 5.0),
                metric("entities.grass", 100, t -> 80),
                metric("employment_share", 100, t -> 0.9 - t / 200.0),
                metric("gdp", 100, t -> 9_000 - 10 * t),
                metric("births", 100, t -> 15 - t / 10.0),
                metric("tax_revenue", 100, t -> 4_000 + t),
                metric("grass_total", 100, t -> 120 - t / 3.0)), 800, 500);
        keep("ten-metrics", drawn.png());
        assertThat(members(drawn)).containsExactly(
                List.of("entities.sheep", "entities.wolf", "entities.grass", "births", "grass_total"),
                List.of("gini", "employment_share"),
                List.of("wealth", "gdp", "tax_revenue"));
        labelsNameTheirMetricsAndFit(drawn);
    }

    @Test
    void tenMetricsOfOneScaleShareOneAxisLabelledByTheFirstNamesAndHowManyMore() throws Exception {
        List<MetricView> metrics = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int k = i;
            metrics.add(metric("population_of_region_" + i, 60, t -> 10 + 9 * k + t / 10.0));
        }
        MetricChart.Drawn drawn = draw(metrics, 800, 500);
        keep("one-scale", drawn.png());
        assertThat(drawn.panels()).isEqualTo(1);
        assertThat(members(drawn)).containsExactly(metrics.stream().map(MetricView::name).toList());
        labelsNameTheirMetricsAndFit(drawn);
        assertThat(drawn.layout().getFirst().label()).startsWith("population_of_region_0").endsWith(" more");
    }

    /** Each world's line of a metric is drawn in that metric's panel. */
    @Test
    void everyWorldsLineOfAMetricIsInThatMetricsPanel() throws Exception {
        List<MetricView> lines = new ArrayList<>();
        List<String> quantities = new ArrayList<>();
        for (String world : List.of("calm", "boom")) {
            double boost = world.equals("boom") ? 2 : 1;
            lines.add(metric(world + "/cash", 80, t -> boost * (5_000 + 10 * t)));
            lines.add(metric(world + "/firms", 80, t -> boost * (8 + t / 10.0)));
            lines.add(metric(world + "/claims", 80, t -> boost * (3 + t / 20.0)));
            quantities.addAll(List.of("cash", "firms", "claims"));
        }
        MetricChart.Drawn drawn = MetricChart.draw(lines, quantities, null, null, "two worlds", 800, 500);
        keep("two-worlds", drawn.png());
        assertThat(members(drawn)).containsExactly(List.of("cash"), List.of("firms", "claims"));
        assertThat(drawn.lines()).isEqualTo(6);
        labelsNameTheirMetricsAndFit(drawn);
    }

    /** More scales than panels: the nearest share one, the rest keep theirs. */
    @Test
    void moreScalesThanPanelsMergeTheNearestScales() throws Exception {
        MetricChart.Drawn drawn = draw(List.of(
                metric("tiny", 50, t -> 0.001 * t / 50),
                metric("unit", 50, t -> 1 - t / 100.0),
                metric("tens", 50, t -> 30 + t / 10.0),
                metric("thousands", 50, t -> 10_000 + t),
                metric("millions", 50, t -> 1e7 + 1_000 * t)), 800, 500);
        keep("five-scales", drawn.png());
        assertThat(drawn.panels()).isEqualTo(MetricChart.MAX_PANELS);
        assertThat(members(drawn)).containsExactly(List.of("tiny"), List.of("unit", "tens"), List.of("thousands"),
                List.of("millions"));
        labelsNameTheirMetricsAndFit(drawn);
    }

    /** A script whose entities all died counts 0: flat on any axis, so it takes no panel of its own. */
    @Test
    void aMetricThatIsAlwaysZeroJoinsTheSmallestScale() throws Exception {
        MetricChart.Drawn drawn = draw(List.of(
                metric("cash", 60, t -> 10_000 + 10 * t),
                metric("entities.wolf", 60, t -> 0),
                metric("entities.sheep", 60, t -> 20 + t / 6.0)), 800, 500);
        assertThat(members(drawn)).containsExactly(List.of("cash"), List.of("entities.wolf", "entities.sheep"));
        labelsNameTheirMetricsAndFit(drawn);
    }

    /** Four scales in a chart 250 pixels tall: four panels would be slivers, so the nearest scales share. */
    @Test
    void aShortChartStacksOnlyAsManyPanelsAsItsHeightHolds() throws Exception {
        MetricChart.Drawn drawn = draw(List.of(
                metric("unit", 50, t -> 1 - t / 100.0),
                metric("tens", 50, t -> 30 + t / 10.0),
                metric("thousands", 50, t -> 10_000 + t),
                metric("millions", 50, t -> 1e7 + 1_000 * t)), 800, 250);
        keep("short", drawn.png());
        assertThat(drawn.panels()).isBetween(2, 3);
        assertThat(drawn.layout()).allSatisfy(panel -> assertThat(panel.height()).isGreaterThanOrEqualTo(40));
        labelsNameTheirMetricsAndFit(drawn);
    }

    private static MetricChart.Drawn draw(List<MetricView> metrics, int width, int height) {
        return MetricChart.draw(metrics, metrics.stream().map(MetricView::name).toList(), null, null, "chart", width,
                height);
    }

    private static List<List<String>> members(MetricChart.Drawn drawn) {
        return drawn.layout().stream().map(MetricChart.Panel::metrics).toList();
    }

    private static final Pattern MORE = Pattern.compile("(.*) \\+(\\d+)( more)?");
    private static final String ELLIPSIS = "\u2026";

    /**
     * A label lists some of its panel's metrics (no other), in order, then says how many more there are ("+N more",
     * or "+N" when only the first fits, cut short if need be), and is no longer in pixels than its panel is tall
     * (else it would run into the next panel or off the image).
     */
    private static void labelsNameTheirMetricsAndFit(MetricChart.Drawn drawn) {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        for (MetricChart.Panel panel : drawn.layout()) {
            String label = panel.label();
            Matcher more = MORE.matcher(label);
            boolean cut = more.matches();
            List<String> named = Arrays.asList((cut ? more.group(1) : label).split(", "));
            int unnamed = cut ? Integer.parseInt(more.group(2)) : 0;
            if (named.size() == 1 && named.getFirst().endsWith(ELLIPSIS)) { // not even the first name fits whole
                assertThat(panel.metrics().getFirst()).as("label '%s' of panel %s", label, panel.metrics())
                        .startsWith(named.getFirst().substring(0, named.getFirst().length() - 1));
            } else {
                assertThat(named).as("label '%s' of panel %s", label, panel.metrics())
                        .isEqualTo(panel.metrics().subList(0, named.size()));
            }
            assertThat(named.size() + unnamed).as("label '%s' counts its panel's metrics", label)
                    .isEqualTo(panel.metrics().size());
            assertThat(g.getFontMetrics(Axis.DEFAULT_AXIS_LABEL_FONT).stringWidth(label))
                    .as("pixels of label '%s' along a panel %d pixels tall", label, panel.height())
                    .isLessThanOrEqualTo(panel.height());
        }
        g.dispose();
    }
}
