package org.polysim.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.polysim.engine.SpaceSpec;
import org.polysim.engine.World;
import tools.jackson.databind.JsonNode;

/**
 * A picture of a spatial world ({@code render_world}): entities as dots coloured by script or by a state field, over
 * a layer drawn as a heat map (white for 0 to dark green at the layer's highest value), with a legend; x to the right,
 * y upwards, as the coordinates read. A 3D world is drawn from above (z is flattened). The image keeps the space's
 * proportions within {@link MetricChart#MAX_SIDE} pixels a side.
 */
public final class WorldPicture {

    /** Most colours for a state field's distinct values; the rest are drawn grey as "other". */
    public static final int MAX_CATEGORIES = 8;
    private static final Color HEAT = new Color(0x1b6b2f);
    private static final Color OTHER = new Color(0xaaaaaa);

    private WorldPicture() {}

    /** What was drawn, for the summary. */
    public record Drawn(byte[] png, int width, int height, int dots, List<String> legend) implements Picture {
    }

    /**
     * @param colorBy {@code script} or a state field (dotted path): a colour per value, or, for numbers with more than
     *                {@link #MAX_CATEGORIES} distinct values, five bands from blue to red
     * @param layer   a layer to draw under the entities, or null
     * @param dots    whether to draw the entities
     */
    public static Drawn draw(World w, String colorBy, String layer, boolean dots, String title, int side) {
        SpaceSpec space = w.space().orElseThrow(() -> new IllegalArgumentException("world '" + w.name()
                + "' has no space or network to draw; plot_metrics draws its metrics"));
        if (side < MetricChart.MIN_SIDE || side > MetricChart.MAX_SIDE) {
            throw new IllegalArgumentException("size must be between " + MetricChart.MIN_SIDE + " and "
                    + MetricChart.MAX_SIDE + " pixels, got " + side);
        }
        NumberAxis x = axis("x", space.width());
        NumberAxis y = axis("y", space.height());
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(x);
        plot.setRangeAxis(y);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(new Color(0x999999));
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        List<String> legend = new ArrayList<>();
        int plotPixels = side - 120;
        int count = 0;
        List<Color> colours = new ArrayList<>(List.of(HEAT));
        PaintScaleLegend scaleLegend = null;
        if (dots) {
            Dots d = dots(w, colorBy, space, plotPixels);
            plot.setDataset(0, d.data);
            plot.setRenderer(0, d.renderer);
            count = d.count;
            legend.addAll(d.legend);
            colours.addAll(d.colours);
        }
        if (layer != null) {
            double[] values = w.layerValues(layer);
            double top = 0;
            for (double v : values) {
                top = Math.max(top, v);
            }
            plot.setDataset(1, heat(values, space));
            XYBlockRenderer blocks = new XYBlockRenderer();
            blocks.setDefaultSeriesVisibleInLegend(false); // the scale beside the plot is its legend
            LookupPaintScale scale = scale(top);
            blocks.setPaintScale(scale);
            plot.setRenderer(1, blocks);
            NumberAxis scaleAxis = new NumberAxis(layer);
            scaleAxis.setRange(0, top > 0 ? top : 1);
            scaleLegend = new PaintScaleLegend(scale, scaleAxis);
            scaleLegend.setPosition(RectangleEdge.RIGHT);
            scaleLegend.setMargin(4, 8, 4, 4);
            legend.add(layer + ": white 0 to dark green " + org.polysim.engine.Numbers.brief(top, 4));
        }
        plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.REVERSE); // the layer under the dots
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, dots && !legend
                .isEmpty() && count > 0);
        MetricChart.finish(chart);
        if (scaleLegend != null) {
            chart.addSubtitle(scaleLegend);
        }
        double aspect = space.height() / space.width();
        int width = side;
        int height = (int) Math.max(MetricChart.MIN_SIDE, Math.min(MetricChart.MAX_SIDE, (side - 120) * aspect
                + 140));
        if (aspect > 1) { // taller than wide: fit the height instead
            height = side;
            width = (int) Math.max(MetricChart.MIN_SIDE, Math.min(MetricChart.MAX_SIDE, (side - 140) / aspect
                    + 120));
        }
        BufferedImage image = chart.createBufferedImage(width, height, BufferedImage.TYPE_INT_RGB, null);
        return new Drawn(IndexedPng.encode(image, colours.toArray(new Color[0])), width, height, count, legend);
    }

    private static NumberAxis axis(String label, double extent) {
        NumberAxis a = new NumberAxis(label);
        a.setRange(0, extent);
        return a;
    }

    private record Dots(XYSeriesCollection data, XYLineAndShapeRenderer renderer, int count, List<String> legend,
                        List<Color> colours) {
    }

    /** The entities as one series per colour: per script, per value of a field, or per band of a numeric field. */
    private static Dots dots(World w, String colorBy, SpaceSpec space, int plotPixels) {
        List<World.Placed> placed = w.positions();
        Colours c = colours(w, placed.stream().map(World.Placed::id).toList(),
                placed.stream().map(World.Placed::script).toList(), colorBy, "placed entity");
        Map<String, XYSeries> series = new LinkedHashMap<>();
        c.keys().forEach(k -> series.put(k, new XYSeries(k, false, true)));
        for (int i = 0; i < placed.size(); i++) {
            World.Placed p = placed.get(i);
            double cx = space.grid() ? p.x() + 0.5 : p.x(); // a grid entity sits in the middle of its cell
            double cy = space.grid() ? p.y() + 0.5 : p.y();
            series.get(c.keyOf().get(i)).add(cx, cy);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        c.keys().forEach(k -> data.addSeries(series.get(k)));
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        double cell = plotPixels / Math.max(space.width(), space.height());
        double d = Math.max(3, Math.min(10, cell * 0.8));
        for (int i = 0; i < c.keys().size(); i++) {
            r.setSeriesPaint(i, c.colours().get(i));
            r.setSeriesShape(i, new Ellipse2D.Double(-d / 2, -d / 2, d, d));
        }
        return new Dots(data, r, placed.size(), c.legend(), c.colours());
    }

    /**
     * How items (entities, nodes) are coloured: each item's key, the keys in legend order with their colours, and the
     * legend ("key (count)").
     */
    public record Colours(List<String> keyOf, List<String> keys, List<Color> colours, List<String> legend) {
    }

    /**
     * Colours by script, by each value of a state field (at most {@link #MAX_CATEGORIES}, the rest "other"), or, for
     * a numeric field of many values, by five bands from blue to red.
     *
     * @param what what the items are, for the error when none has the field
     */
    static Colours colours(World w, List<String> ids, List<String> scripts, String colorBy, String what) {
        boolean byScript = colorBy == null || colorBy.equals("script");
        List<JsonNode> values = new ArrayList<>();
        boolean numeric = !byScript;
        if (!byScript) {
            Map<String, JsonNode> all = w.stateValues(colorBy);
            for (String id : ids) {
                JsonNode v = all.get(id);
                values.add(v);
                numeric &= v == null || v.isNumber();
            }
            if (values.stream().allMatch(v -> v == null)) {
                throw new IllegalArgumentException("color_by: no " + what + " has a state field '" + colorBy
                        + "'; give a field of their state (dotted paths reach inside) or script");
            }
        }
        if (numeric && values.stream().filter(v -> v != null).map(JsonNode::doubleValue).distinct().count()
                <= MAX_CATEGORIES) {
            numeric = false; // a few distinct numbers (a group, a kind) read better as categories than as bands
        }
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        if (numeric) {
            for (JsonNode v : values) {
                if (v != null) {
                    lo = Math.min(lo, v.doubleValue());
                    hi = Math.max(hi, v.doubleValue());
                }
            }
        }
        int digits = numeric ? 0 : digitsApart(values.stream().filter(v -> v != null && v.isNumber())
                .map(JsonNode::doubleValue).distinct().toList());
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<String> keyOf = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            String key;
            if (byScript) {
                key = scripts.get(i);
            } else {
                JsonNode v = values.get(i);
                key = v == null ? "(none)" : numeric ? band(v.doubleValue(), lo, hi) : v.isString() ? v.stringValue()
                        : v.isNumber() ? org.polysim.engine.Numbers.brief(v.doubleValue(), digits) : v.toString();
            }
            if (!counts.containsKey(key) && counts.size() >= MAX_CATEGORIES && !numeric) {
                key = "other";
            }
            counts.merge(key, 1, Integer::sum);
            keyOf.add(key);
        }
        List<String> keys = new ArrayList<>(counts.keySet());
        if (numeric) {
            keys.sort((a, b) -> Double.compare(bandStart(a), bandStart(b)));
        }
        List<String> legend = new ArrayList<>();
        List<Color> colours = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Color c = keys.get(i).equals("other") || keys.get(i).equals("(none)") ? OTHER
                    : numeric ? ramp(i, keys.size()) : MetricChart.PALETTE[i % MetricChart.PALETTE.length];
            legend.add(keys.get(i) + " (" + counts.get(keys.get(i)) + ")");
            colours.add(c);
        }
        return new Colours(keyOf, keys, colours, legend);
    }

    /**
     * The fewest significant digits, at least 3, that tell the given numbers apart in a legend: 0.8160000000000001
     * and 0.9 read "0.816" and "0.9", and two values that differ only in the 12th digit keep 12.
     */
    static int digitsApart(List<Double> numbers) {
        for (int d = 3; d < 17; d++) {
            int digits = d;
            if (numbers.stream().map(v -> org.polysim.engine.Numbers.brief(v, digits)).distinct().count()
                    == numbers.size()) {
                return d;
            }
        }
        return 17;
    }

    /** Five equal bands between the lowest and highest value, named by their range. */
    private static String band(double v, double lo, double hi) {
        if (hi == lo) {
            return org.polysim.engine.Numbers.brief(lo, 3);
        }
        double step = (hi - lo) / 5;
        int k = Math.min(4, (int) ((v - lo) / step));
        return org.polysim.engine.Numbers.brief(lo + k * step, 3) + " to "
                + org.polysim.engine.Numbers.brief(lo + (k + 1) * step, 3);
    }

    private static double bandStart(String name) {
        try {
            return Double.parseDouble(name.split(" ")[0]);
        } catch (NumberFormatException e) {
            return Double.MAX_VALUE;
        }
    }

    /** Blue (low) to red (high). */
    private static Color ramp(int i, int n) {
        double t = n <= 1 ? 1 : (double) i / (n - 1);
        return new Color((int) (30 + 200 * t), (int) (90 - 40 * t), (int) (200 - 170 * t));
    }

    private static DefaultXYZDataset heat(double[] values, SpaceSpec space) {
        int w = (int) space.width(), h = (int) space.height(), depth = space.threeD() ? (int) space.depth() : 1;
        double[] xs = new double[w * h], ys = new double[w * h], zs = new double[w * h];
        for (int z = 0; z < depth; z++) {
            for (int yy = 0; yy < h; yy++) {
                for (int xx = 0; xx < w; xx++) {
                    int i = yy * w + xx;
                    xs[i] = xx + 0.5;
                    ys[i] = yy + 0.5;
                    zs[i] += values[(z * h + yy) * w + xx] / depth; // from above: the mean over z
                }
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("layer", new double[][] {xs, ys, zs});
        return data;
    }

    /**
     * White up to half a step, then 14 steps to {@link #HEAT} at {@code top} (the palette's blends of the heat
     * colour): a value that has all but evaporated reads as nothing, not as a faint wash over the whole map.
     */
    private static LookupPaintScale scale(double top) {
        double hi = top > 0 ? top : 1;
        LookupPaintScale s = new LookupPaintScale(0, hi * 1.0000001, Color.WHITE);
        int steps = 14;
        for (int k = 0; k < steps; k++) {
            double t = (double) (k + 1) / steps;
            Paint p = new Color((int) Math.round(255 + (HEAT.getRed() - 255) * t),
                    (int) Math.round(255 + (HEAT.getGreen() - 255) * t),
                    (int) Math.round(255 + (HEAT.getBlue() - 255) * t));
            s.add(hi * (k + 0.5) / steps, p);
        }
        return s;
    }
}
