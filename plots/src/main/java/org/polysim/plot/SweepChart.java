package org.polysim.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * An experiment's result as a chart: a measured metric's mean over replications against a varied param, with the
 * 95% confidence interval as an error bar, one line per combination of the other varied params.
 */
public final class SweepChart {

    private SweepChart() {}

    /** One grid point: the param's value, the metric's mean and interval. */
    public record Point(double x, double mean, double low, double high) {
    }

    /**
     * @param lines each line's name (the other params' values, or the metric) and its points, in order of x
     */
    public static byte[] draw(String title, String xLabel, String yLabel, Map<String, List<Point>> lines, int width,
                              int height) {
        if (lines.isEmpty() || lines.size() > MetricChart.MAX_LINES) {
            throw new IllegalArgumentException("a sweep chart shows 1 to " + MetricChart.MAX_LINES
                    + " lines, asked for " + lines.size());
        }
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        lines.forEach((name, points) -> {
            YIntervalSeries s = new YIntervalSeries(name, true, true);
            points.forEach(p -> s.add(p.x(), p.mean(), p.low(), p.high()));
            data.addSeries(s);
        });
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDrawXError(false);
        r.setDefaultLinesVisible(true);
        r.setErrorStroke(new BasicStroke(1.5f));
        r.setCapLength(8);
        Color[] colours = new Color[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            colours[i] = MetricChart.PALETTE[i % MetricChart.PALETTE.length];
            r.setSeriesPaint(i, colours[i]);
            r.setSeriesStroke(i, new BasicStroke(1.8f));
            r.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-4, -4, 8, 8));
        }
        NumberAxis x = new NumberAxis(xLabel);
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, lines.size() > 1);
        chart.addSubtitle(new org.jfree.chart.title.TextTitle("points: mean over replications; bars: 95% "
                + "confidence interval", new Font(Font.SANS_SERIF, Font.PLAIN, 11)));
        MetricChart.finish(chart);
        BufferedImage image = chart.createBufferedImage(width, height, BufferedImage.TYPE_INT_RGB, null);
        return IndexedPng.encode(image, colours);
    }
}
