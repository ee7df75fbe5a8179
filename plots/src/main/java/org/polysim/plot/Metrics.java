package org.polysim.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.polysim.engine.MetricView;
import org.polysim.engine.World;

/** Which metrics a chart or an export shows: names checked against the world, the default, and the cap. */
public final class Metrics {

    private Metrics() {}

    /** One metric of a world, or an error naming the world's metrics. */
    public static MetricView find(World w, String metric) {
        return w.metric(metric).orElseThrow(() -> new IllegalArgumentException("no metric '" + metric + "' in world '"
                + w.name() + "' (metrics: " + (w.metricNames().isEmpty() ? "none yet: scripts record them with "
                + "e.metric(name, value) and they appear after a tick" : String.join(", ", w.metricNames())) + ")"));
    }

    /** The metrics asked for, in that order, or all of the world's when {@code asked} is null. */
    public static List<MetricView> of(World w, List<String> asked) {
        List<MetricView> out = new ArrayList<>();
        for (String name : asked == null ? w.metricNames() : asked) {
            out.add(find(w, name));
        }
        return out;
    }

    /**
     * The lines of one chart.
     *
     * @param lines   named {@code world/metric} when several worlds are drawn, else by the metric alone
     * @param metrics the metric of each line (its name without the world)
     * @param leftOut the names not drawn because of the cap (only when the metrics were not chosen)
     */
    public record Picked(List<MetricView> lines, List<String> metrics, List<String> leftOut) {
    }

    /**
     * Lines for a chart of each world's metrics, at most {@code cap}: the metrics of every world, in order, when the
     * caller chose them (more than {@code cap} is then an error: silently dropping a chosen metric would mislead),
     * the first {@code cap} when it did not.
     *
     * @param byWorld world name to its metrics (from {@link #of})
     * @param chosen  whether the caller named the metrics
     */
    public static Picked pick(Map<String, List<MetricView>> byWorld, boolean chosen, int cap) {
        boolean several = byWorld.size() > 1;
        List<MetricView> all = new ArrayList<>();
        List<String> metrics = new ArrayList<>();
        byWorld.forEach((world, views) -> views.forEach(m -> {
            all.add(several ? renamed(m, world + "/" + m.name()) : m);
            metrics.add(m.name());
        }));
        if (all.isEmpty()) {
            throw new IllegalArgumentException("nothing to draw: " + String.join(", ", byWorld.keySet().stream()
                    .map(w -> "'" + w + "'").toList()) + " has no metrics yet (scripts record them with e.metric(name, "
                    + "value) and they appear after a tick)");
        }
        if (all.size() <= cap) {
            return new Picked(all, metrics, List.of());
        }
        if (chosen) {
            throw new IllegalArgumentException("one chart shows at most " + cap + " lines, and " + byWorld.size()
                    + " world(s) x the metrics asked for make " + all.size() + "; ask for fewer metrics or worlds "
                    + "(or draw several charts)");
        }
        return new Picked(List.copyOf(all.subList(0, cap)), List.copyOf(metrics.subList(0, cap)),
                all.subList(cap, all.size()).stream().map(MetricView::name).toList());
    }

    private static MetricView renamed(MetricView m, String name) {
        return new MetricView(name, m.count(), m.total(), m.mean(), m.min(), m.max(), m.last(), m.lastTime(),
                m.missing(), m.times(), m.values());
    }

    /** A chart's default title: what is drawn, and where. */
    public static String title(List<String> worlds, Picked picked) {
        if (worlds.size() > 1) {
            return "Metrics of " + String.join(" vs ", worlds.stream().map(w -> "'" + w + "'").toList());
        }
        List<String> names = picked.lines().stream().map(MetricView::name).toList();
        String what = names.size() <= 3 ? String.join(", ", names) : names.size() + " metrics";
        return what + " in world '" + worlds.getFirst() + "'";
    }
}
