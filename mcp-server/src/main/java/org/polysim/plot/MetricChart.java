package org.polysim.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.polysim.engine.MetricView;
import org.polysim.engine.Numbers;
import org.polysim.engine.Series;

/**
 * A line chart of metrics over time as a PNG: x is time, y the metrics' values, one line per metric. A series longer
 * than the plot is wide is cut into one bucket per pixel column ({@link Series}); each bucket is drawn at its mean
 * with a pale band from its minimum to its maximum, so a one-tick peak stays visible as it does in get_metric.
 */
public final class MetricChart {

    static {
        // no display on a server: must be set before the first AWT class loads, which this class is the first to do
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Largest side in pixels: a bigger image costs the client's context and the response budget for little gain. */
    public static final int MAX_SIDE = 800;
    public static final int DEFAULT_WIDTH = 800;
    public static final int DEFAULT_HEIGHT = 500;
    /** Smallest side that still leaves a readable plot area beside the title, axes and legend. */
    public static final int MIN_SIDE = 200;
    /** Most lines on one chart: beyond that colours repeat and the lines are a tangle. */
    public static final int MAX_LINES = 10;

    /** Distinct, colour-blind-friendlier hues that read on white (no yellow). */
    static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf), new Color(0x7f7f7f), new Color(0x000000),
    };
    /** Longest title: two lines at the full width. */
    public static final int MAX_TITLE = 200;
    /** Quantities whose sizes differ more than this many times get a panel each. */
    public static final double SCALES_APART = 10;
    /** Most panels stacked in one chart; past that they would be too thin to read, so the lines share one. */
    public static final int MAX_PANELS = 4;
    /** A series with at most this many points also gets a marker per point (one point alone draws no line). */
    private static final int MARKED_POINTS = 40;

    private MetricChart() {}

    /**
     * What was drawn.
     *
     * @param png    the image
     * @param panels stacked plots (1, or one per quantity when their scales are far apart)
     * @param points buckets on the time axis (at most half the width)
     */
    public record Drawn(byte[] png, int width, int height, int lines, int panels, int points, boolean downsampled,
                        double from, double to, List<Panel> layout) {
    }

    /**
     * One stacked panel, top to bottom.
     *
     * @param metrics the quantities on its y axis (metric names, not each world's line)
     * @param label   its y-axis label
     * @param height  pixels tall of its plot area, along which the label is written
     */
    public record Panel(List<String> metrics, String label, int height) {
    }

    /**
     * Draws {@code metrics} (each named as it should appear in the legend) over a time window.
     *
     * @param groups for each metric, the quantity it is (the metric's name; a line per world shares it): lines of
     *               one quantity always share an axis, different quantities get a panel each when their sizes differ
     *               more than {@link #SCALES_APART} times (else the small ones would be drawn flat)
     * @param since  earliest time, inclusive, or null
     * @param until  latest time, inclusive, or null
     * @throws IllegalArgumentException when a size is out of range or nothing has a value in the window
     */
    public static Drawn draw(List<MetricView> metrics, List<String> groups, Double since, Double until, String title,
                             int width, int height) {
        checkSide("width", width);
        checkSide("height", height);
        if (title.length() > MAX_TITLE) { // JFreeChart wraps a title word by word: a huge one takes minutes
            throw new IllegalArgumentException("title has " + title.length() + " characters; at most " + MAX_TITLE
                    + " fit on a chart");
        }
        if (metrics.isEmpty() || metrics.size() > MAX_LINES || groups.size() != metrics.size()) {
            throw new IllegalArgumentException("a chart shows 1 to " + MAX_LINES + " lines, asked for "
                    + metrics.size());
        }
        // a bucket per two pixel columns: as much detail as a line shows, and half the ups and downs of one per
        // column, which a noisy series would spend on an image twice the size (the band keeps each bucket's range)
        Series series = Series.of(metrics, since, until, Math.max(1, width / 2));
        if (series.times().length == 0) {
            throw new IllegalArgumentException("no values of " + names(metrics) + " in the window"
                    + window(since, until) + "; widen since_time/until_time or advance the world first");
        }
        Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            byGroup.computeIfAbsent(groups.get(i), g -> new ArrayList<>()).add(i);
        }
        boolean panels = byGroup.size() > 1 && byGroup.size() <= MAX_PANELS && scalesApart(series, byGroup);
        int plotHeight = height - 150; // less the title, time axis and legend
        JFreeChart chart = panels ? panels(series, groups, byGroup, title, plotHeight / byGroup.size())
                : shared(series, groups, title, plotHeight);
        org.jfree.chart.ChartRenderingInfo info = new org.jfree.chart.ChartRenderingInfo();
        BufferedImage image = chart.createBufferedImage(width, height, BufferedImage.TYPE_INT_RGB, info);
        double[] times = series.times();
        List<Panel> layout = new ArrayList<>();
        if (panels) {
            List<XYPlot> subplots = ((CombinedDomainXYPlot) chart.getPlot()).getSubplots();
            List<List<Integer>> members = List.copyOf(byGroup.values());
            for (int p = 0; p < subplots.size(); p++) {
                layout.add(new Panel(members.get(p).stream().map(groups::get).distinct().toList(),
                        subplots.get(p).getRangeAxis().getLabel(),
                        (int) info.getPlotInfo().getSubplotInfo(p).getDataArea().getHeight()));
            }
        } else {
            layout.add(new Panel(groups.stream().distinct().toList(), chart.getXYPlot().getRangeAxis().getLabel(),
                    (int) info.getPlotInfo().getDataArea().getHeight()));
        }
        return new Drawn(IndexedPng.encode(image, PALETTE), width, height, series.lines().size(),
                panels ? byGroup.size() : 1, times.length, series.downsampled(), times[0], times[times.length - 1],
                List.copyOf(layout));
    }

    /** One axis for every line. */
    private static JFreeChart shared(Series series, List<String> groups, String title, int pixels) {
        List<Integer> all = java.util.stream.IntStream.range(0, series.lines().size()).boxed().toList();
        return chart(title, plot(series, all, new NumberAxis("time"), yLabel(groups, all, pixels)), series);
    }

    /** A panel per quantity, stacked on one time axis. */
    private static JFreeChart panels(Series series, List<String> groups, Map<String, List<Integer>> byGroup,
                                     String title, int pixels) {
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(axis("time"));
        combined.setGap(8);
        byGroup.values().forEach(lines -> combined.add(plot(series, lines, null, yLabel(groups, lines, pixels)), 1));
        return chart(title, combined, series);
    }

    private static JFreeChart chart(String title, org.jfree.chart.plot.Plot plot, Series series) {
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 15), plot,
                series.lines().size() > 1);
        if (series.downsampled()) {
            chart.addSubtitle(new org.jfree.chart.title.TextTitle("lines: bucket means; bands: each bucket's min "
                    + "to max", new Font(Font.SANS_SERIF, Font.PLAIN, 11)));
        }
        return finish(chart);
    }

    /** The look every polysim chart shares: white, antialiased, the legend (if any) below without a frame. */
    static JFreeChart finish(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        return chart;
    }

    /** The given lines on one y axis; colours by line index, so a line keeps its colour across panels. */
    private static XYPlot plot(Series series, List<Integer> lines, NumberAxis x, String yLabel) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (int index : lines) {
            Series.Line line = series.lines().get(index);
            YIntervalSeries s = new YIntervalSeries(line.name(), false, true);
            for (int i = 0; i < series.times().length; i++) {
                if (!Double.isNaN(line.mean()[i])) { // no value that bucket: the line goes on to the next one
                    s.add(series.times()[i], line.mean()[i], line.min()[i], line.max()[i]);
                }
            }
            data.addSeries(s);
        }
        if (x != null) {
            x.setAutoRangeIncludesZero(false);
        }
        NumberAxis y = axis(yLabel);
        double lo = lines.stream().mapToDouble(i -> series.lines().get(i).stats().min()).min().orElse(0);
        double hi = lines.stream().mapToDouble(i -> series.lines().get(i).stats().max()).max().orElse(0);
        if (lo == hi) { // a flat line: JFreeChart would zoom into rounding noise and label every tick the same
            y.setAutoRangeMinimumSize(lo == 0 ? 1 : Math.abs(lo) * 0.2);
        }
        XYPlot plot = new XYPlot(data, x, y, renderer(data, lines));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        plot.setOutlinePaint(new Color(0x999999));
        return plot;
    }

    private static NumberAxis axis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false); // zoom to the data, as most plotting tools do: a change is what is read
        return axis;
    }

    /** Whether the largest quantity is over {@link #SCALES_APART} times the smallest (by largest absolute value). */
    private static boolean scalesApart(Series series, Map<String, List<Integer>> byGroup) {
        double smallest = Double.POSITIVE_INFINITY;
        double largest = 0;
        for (List<Integer> lines : byGroup.values()) {
            double size = 0;
            for (int i : lines) {
                Series.Stats st = series.lines().get(i).stats();
                size = Math.max(size, Math.max(Math.abs(st.min()), Math.abs(st.max())));
            }
            smallest = Math.min(smallest, size);
            largest = Math.max(largest, size);
        }
        return largest > SCALES_APART * smallest;
    }

    private static DeviationRenderer renderer(YIntervalSeriesCollection data, List<Integer> lines) {
        DeviationRenderer r = new DeviationRenderer(true, false);
        r.setAlpha(0.18f);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            Color c = PALETTE[lines.get(i) % PALETTE.length];
            r.setSeriesPaint(i, c);
            r.setSeriesFillPaint(i, c);
            r.setSeriesStroke(i, new BasicStroke(1.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            boolean few = data.getItemCount(i) <= MARKED_POINTS;
            r.setSeriesShapesVisible(i, few);
            r.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-3, -3, 6, 6));
        }
        return r;
    }

    /**
     * The y axis names the quantities drawn (the metrics, not each world's line: the legend has those), shortened to
     * what fits beside the plot at about 7 pixels a character.
     */
    private static String yLabel(List<String> groups, List<Integer> lines, int pixels) {
        String all = String.join(", ", lines.stream().map(groups::get).distinct().toList());
        int room = Math.max(12, pixels / 7);
        return all.length() <= room ? all : all.substring(0, room - 3) + "...";
    }

    private static void checkSide(String name, int pixels) {
        if (pixels < MIN_SIDE || pixels > MAX_SIDE) {
            throw new IllegalArgumentException(name + " must be between " + MIN_SIDE + " and " + MAX_SIDE
                    + " pixels, got " + pixels);
        }
    }

    static String names(List<MetricView> metrics) {
        return String.join(", ", metrics.stream().map(MetricView::name).toList());
    }

    static String window(Double since, Double until) {
        return (since == null ? "" : " from time " + Numbers.brief(since, 6))
                + (until == null ? "" : " until time " + Numbers.brief(until, 6));
    }
}
