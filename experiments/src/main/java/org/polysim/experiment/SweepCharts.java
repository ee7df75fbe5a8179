package org.polysim.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.polysim.plot.MetricChart;
import org.polysim.plot.SweepChart;
import tools.jackson.databind.JsonNode;

/**
 * The charts of a sweep: for each measured metric, its mean and 95% interval (over each run's last value) against
 * the first varied param that is a number, one line per combination of the other varied params. Written beside the
 * tables as {@code <name>-<metric>.png}; none when no varied param is a number (a chart needs an x axis).
 */
public final class SweepCharts {

    /** Charts written at most: one per metric, the first ones. */
    public static final int MAX_CHARTS = 10;

    private SweepCharts() {}

    /** The param on the x axis, or null when no varied param is a number. */
    public static String xParam(Experiment e) {
        for (var axis : e.vary().entrySet()) {
            if (axis.getValue().stream().allMatch(JsonNode::isNumber)) {
                return axis.getKey();
            }
        }
        return null;
    }

    /** One metric's chart as PNG, or null when there is no numeric param to put on the x axis. */
    public static byte[] chart(SweepResult r, String metric, int width, int height) {
        String x = xParam(r.experiment());
        if (x == null) {
            return null;
        }
        Map<String, List<SweepChart.Point>> lines = new LinkedHashMap<>();
        for (SweepResult.PointSummary p : r.summaries()) {
            Statistics.Sample s = p.metrics().get(metric);
            if (s == null || Double.isNaN(s.mean())) {
                continue;
            }
            List<String> others = new ArrayList<>();
            p.params().forEach((k, v) -> {
                if (!k.equals(x)) {
                    others.add(k + "=" + (v.isString() ? v.stringValue() : v.toString()));
                }
            });
            String line = others.isEmpty() ? metric : String.join(", ", others);
            double lo = Double.isNaN(s.ciLow()) ? s.mean() : s.ciLow();
            double hi = Double.isNaN(s.ciHigh()) ? s.mean() : s.ciHigh();
            lines.computeIfAbsent(line, k -> new ArrayList<>())
                    .add(new SweepChart.Point(p.params().get(x).doubleValue(), s.mean(), lo, hi));
        }
        if (lines.isEmpty() || lines.size() > MetricChart.MAX_LINES) {
            return null;
        }
        return SweepChart.draw(r.experiment().name() + ": " + metric + " against " + x, x, metric + " (last value)",
                lines, width, height);
    }

    /** Writes a chart per measured metric (at most {@link #MAX_CHARTS}) into {@code dir}; returns the files. */
    public static List<Path> write(SweepResult r, Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String metric : r.metrics().subList(0, Math.min(MAX_CHARTS, r.metrics().size()))) {
            byte[] png = chart(r, metric, MetricChart.DEFAULT_WIDTH, MetricChart.DEFAULT_HEIGHT);
            if (png != null) {
                Path file = dir.resolve(r.experiment().name() + "-" + metric.replaceAll("[^A-Za-z0-9_.-]", "_")
                        + ".png");
                org.polysim.engine.WorldFiles.replace(file, png);
                out.add(file);
            }
        }
        return out;
    }
}
