package org.polysim.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.PlotRenderingInfo;
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
    /** Quantities share a panel only when their sizes (largest absolute values) are within this many times. */
    public static final double SCALES_APART = 10;
    /**
     * Most panels stacked in one chart (fewer in a short chart); past that they would be too thin to read, so the
     * nearest scales share one.
     */
    public static final int MAX_PANELS = 4;
    /** A series with at most this many points also gets a marker per point (one point alone draws no line). */
    private static final int MARKED_POINTS = 40;
    /** Fewest pixels a panel's plot takes: a shorter one shows a line's ups and downs no better than a shared axis. */
    private static final int PANEL_PIXELS = 40;
    /** Pixels of a chart that are not its plots: the title, the time axis and the legend. */
    private static final int FRAME_PIXELS = 150;

    private MetricChart() {}

    /**
     * What was drawn.
     *
     * @param png    the image
     * @param panels stacked plots (1 when every quantity is of one scale, else one per group of close scales)
     * @param points buckets on the time axis (at most half the width)
     * @param layout the panels, top to bottom (one when {@code panels} is 1)
     */
    public record Drawn(byte[] png, int width, int height, int lines, int panels, int points, boolean downsampled,
                        double from, double to, List<Panel> layout) implements Picture {

        /** Each panel's metrics, top to bottom: {@code [a, b], [c]}. */
        public String panelMetrics() {
            return String.join(", ", layout.stream().map(p -> "[" + String.join(", ", p.metrics()) + "]").toList());
        }
    }

    /**
     * One panel of a chart.
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
     *               one quantity always share an axis, and quantities whose sizes differ more than
     *               {@link #SCALES_APART} times are drawn in different panels (else the small ones would be drawn
     *               flat), at most {@link #MAX_PANELS} ({@code ScaleGroups})
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
        int room = Math.max(1, Math.min(MAX_PANELS, (height - FRAME_PIXELS) / PANEL_PIXELS));
        List<List<Integer>> panels = panels(series, groups, room);
        List<List<String>> quantities = panels.stream()
                .map(lines -> lines.stream().map(groups::get).distinct().toList()).toList();
        JFreeChart chart = panels.size() == 1 ? shared(series, quantities.getFirst(), title)
                : stacked(series, panels, quantities, title);
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage image = chart.createBufferedImage(width, height, BufferedImage.TYPE_INT_RGB, info);
        List<Panel> layout = fitLabels(chart, quantities, info, image);
        if (layout.stream().anyMatch(p -> !p.label().equals(String.join(", ", p.metrics())))) {
            // a vertical label's length moves nothing else: drawn again, the panels are where they were measured
            image = chart.createBufferedImage(width, height, BufferedImage.TYPE_INT_RGB, null);
        }
        double[] times = series.times();
        return new Drawn(IndexedPng.encode(image, PALETTE), width, height, series.lines().size(), panels.size(),
                times.length, series.downsampled(), times[0], times[times.length - 1], layout);
    }

    /** Shortens each panel's y-axis label to what fits along the panel as drawn (its height is known only then). */
    private static List<Panel> fitLabels(JFreeChart chart, List<List<String>> quantities, ChartRenderingInfo info,
                                         BufferedImage image) {
        List<XYPlot> plots = chart.getPlot() instanceof CombinedDomainXYPlot combined ? combined.getSubplots()
                : List.of(chart.getXYPlot());
        Graphics2D g = image.createGraphics();
        List<Panel> layout = new ArrayList<>();
        for (int p = 0; p < plots.size(); p++) {
            PlotRenderingInfo drawn = plots.size() == 1 ? info.getPlotInfo() : info.getPlotInfo().getSubplotInfo(p);
            int pixels = (int) drawn.getDataArea().getHeight();
            NumberAxis y = (NumberAxis) plots.get(p).getRangeAxis();
            y.setLabel(yLabel(quantities.get(p), g.getFontMetrics(y.getLabelFont()), pixels));
            layout.add(new Panel(quantities.get(p), y.getLabel(), pixels));
        }
        g.dispose();
        return List.copyOf(layout);
    }

    /**
     * The lines of each panel, top to bottom, at most {@code most} panels: lines of one quantity together,
     * quantities of close sizes together ({@link ScaleGroups}).
     */
    private static List<List<Integer>> panels(Series series, List<String> groups, int most) {
        Map<String, Double> sizes = new LinkedHashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            Series.Stats st = series.lines().get(i).stats();
            sizes.merge(groups.get(i), Math.max(Math.abs(st.min()), Math.abs(st.max())), Math::max);
        }
        return ScaleGroups.of(sizes, SCALES_APART, most).stream()
                .map(quantities -> IntStream.range(0, groups.size())
                        .filter(i -> quantities.contains(groups.get(i))).boxed().toList())
                .toList();
    }

    /** One axis for every line. */
    private static JFreeChart shared(Series series, List<String> quantities, String title) {
        List<Integer> all = IntStream.range(0, series.lines().size()).boxed().toList();
        return chart(title, plot(series, all, new NumberAxis("time"), quantities), series);
    }

    /** A panel per group of lines, stacked on one time axis. */
    private static JFreeChart stacked(Series series, List<List<Integer>> panels, List<List<String>> quantities,
                                      String title) {
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(axis("time"));
        combined.setGap(8);
        for (int p = 0; p < panels.size(); p++) {
            combined.add(plot(series, panels.get(p), null, quantities.get(p)), 1);
        }
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

    /**
     * The given lines on one y axis, labelled by their quantities; colours by line index, so a line keeps its colour
     * across panels.
     */
    private static XYPlot plot(Series series, List<Integer> lines, NumberAxis x, List<String> quantities) {
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
        NumberAxis y = axis(String.join(", ", quantities)); // shortened once drawn (fitLabels)
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
     * The y axis names the quantities drawn (the metrics, not each world's line: the legend has those) in what fits
     * along the panel: all of them, else the first ones and how many more ("+N more", or "+N" when only the first
     * name fits beside it), else the first name cut short. The legend names every line in full.
     */
    private static String yLabel(List<String> quantities, FontMetrics font, int pixels) {
        int n = quantities.size();
        List<String> candidates = new ArrayList<>(List.of(String.join(", ", quantities)));
        for (int named = n - 1; named >= 1; named--) {
            candidates.add(String.join(", ", quantities.subList(0, named)) + " +" + (n - named) + " more");
        }
        String rest = n == 1 ? "" : " +" + (n - 1);
        candidates.add(quantities.getFirst() + rest);
        for (String label : candidates) {
            if (font.stringWidth(label) <= pixels) {
                return label;
            }
        }
        String first = quantities.getFirst();
        int keep = Math.max(0, first.length() - 1);
        while (keep > 1 && font.stringWidth(first.substring(0, keep) + "\u2026" + rest) > pixels) {
            keep--;
        }
        return first.substring(0, keep) + "\u2026" + rest;
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
