package org.polysim.mcp;

import org.polysim.engine.Message;
import org.polysim.engine.MetricView;
import org.polysim.engine.Numbers;
import org.polysim.engine.World;
import java.util.List;
import java.util.TreeSet;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** How engine values look in tool results (and, for numbers, in the command line's tables). */
public final class Views {

    private Views() {}

    static ObjectNode overview(World w, ServerState state) {
        ObjectNode out = Json.object().put("world_name", w.name()).put("time", w.time()).put("tick", w.tick())
                .put("dt", w.dt()).put("seed", w.seed()).put("entities", w.entityCount());
        ObjectNode byScript = out.putObject("entities_by_script");
        w.countsByScript().forEach(byScript::put);
        ObjectNode scripts = out.putObject("scripts");
        w.scriptLanguages().forEach(scripts::put);
        out.put("pending_messages", w.pendingMessages()).put("dropped_messages", w.droppedMessages());
        ArrayNode metrics = out.putArray("metrics");
        w.metricNames().forEach(metrics::add);
        out.put("snapshots", state.snapshots.list(w.name()).size());
        out.set("params", w.snapshotParams());
        return out;
    }

    static ObjectNode message(Message m, double dt) {
        ObjectNode o = Json.object().put("from", m.from()).put("to", m.to()).put("kind", m.kind());
        o.set("content", m.content());
        o.put("sent_at", m.sentAt()).put("delivered_at", m.deliverTick() * dt);
        return o;
    }

    /** A metric's statistics over its whole history. */
    static ObjectNode stats(MetricView m) {
        return Json.object().put("name", m.name()).put("count", m.count()).put("total", m.total())
                .put("mean", m.mean()).put("min", m.min()).put("max", m.max()).put("last", m.last());
    }

    /**
     * Metrics over a time window on one shared time axis: {@code times} once, and per metric its statistics over
     * the window and {@code values} aligned with {@code times} (null where the metric had no value that tick).
     * Longer series are cut into at most {@code maxPoints} buckets, each stamped with its last time and given as
     * its mean with {@code bucket_min} and {@code bucket_max} beside it, so a peak is never averaged away.
     *
     * @param since    earliest time, inclusive (null: from the start)
     * @param until    latest time, inclusive (null: to now)
     * @param withSeries false for statistics only
     */
    static ObjectNode series(List<MetricView> metrics, Double since, Double until, int maxPoints,
                             boolean withSeries) {
        TreeSet<Double> axis = new TreeSet<>();
        for (MetricView m : metrics) {
            for (double t : m.times()) {
                if (inside(t, since, until)) {
                    axis.add(t);
                }
            }
        }
        double[] times = axis.stream().mapToDouble(Double::doubleValue).toArray();
        int n = times.length;
        int buckets = Math.min(n, maxPoints);
        ObjectNode out = Json.object();
        if (withSeries) {
            ArrayNode ts = out.putArray("times");
            for (int b = 0; b < buckets; b++) {
                ts.add(times[bucketEnd(b, n, buckets) - 1]);
            }
            out.put("downsampled", n > buckets);
        }
        ObjectNode byName = out.putObject("metrics");
        for (MetricView m : metrics) {
            Double[] aligned = new Double[n];
            for (int i = 0; i < m.times().length; i++) {
                int at = java.util.Arrays.binarySearch(times, m.times()[i]);
                if (at >= 0) {
                    aligned[at] = m.values()[i];
                }
            }
            ObjectNode o = windowStats(aligned);
            if (withSeries) {
                ArrayNode values = o.putArray("values");
                ArrayNode lows = n > buckets ? o.putArray("bucket_min") : null;
                ArrayNode highs = n > buckets ? o.putArray("bucket_max") : null;
                for (int b = 0; b < buckets; b++) {
                    double sum = 0;
                    double lo = Double.POSITIVE_INFINITY;
                    double hi = Double.NEGATIVE_INFINITY;
                    int count = 0;
                    for (int i = bucketStart(b, n, buckets); i < bucketEnd(b, n, buckets); i++) {
                        if (aligned[i] != null) {
                            sum += aligned[i];
                            lo = Math.min(lo, aligned[i]);
                            hi = Math.max(hi, aligned[i]);
                            count++;
                        }
                    }
                    if (count == 0) {
                        values.addNull();
                        if (lows != null) {
                            lows.addNull();
                            highs.addNull();
                        }
                    } else {
                        values.add(sum / count);
                        if (lows != null) {
                            lows.add(lo);
                            highs.add(hi);
                        }
                    }
                }
            }
            byName.set(m.name(), o);
        }
        return out;
    }

    private static boolean inside(double t, Double since, Double until) {
        return (since == null || t >= since - 1e-9) && (until == null || t <= until + 1e-9);
    }

    private static int bucketStart(int b, int n, int buckets) {
        return (int) ((long) b * n / buckets);
    }

    private static int bucketEnd(int b, int n, int buckets) {
        return (int) ((long) (b + 1) * n / buckets);
    }

    private static ObjectNode windowStats(Double[] values) {
        long count = 0;
        double total = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double last = 0;
        for (Double v : values) {
            if (v != null) {
                count++;
                total += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
                last = v;
            }
        }
        return Json.object().put("count", count).put("total", total).put("mean", count == 0 ? 0 : total / count)
                .put("min", count == 0 ? 0 : min).put("max", count == 0 ? 0 : max).put("last", last);
    }

    /**
     * Some fields of a state, keyed by the paths asked for ({@code wallet.cash} reaches inside {@code wallet}).
     *
     * @param entity the entity, to name in the error for a missing field; null to leave missing fields out (a
     *               list of entities of which some lack the field)
     */
    static ObjectNode fields(ObjectNode state, List<String> paths, String entity) {
        ObjectNode out = Json.object();
        for (String path : paths) {
            tools.jackson.databind.JsonNode v = state;
            for (String part : path.split("\\.", -1)) {
                v = v == null ? null : v.get(part);
            }
            if (v != null) {
                out.set(path, v);
            } else if (entity != null) {
                throw new ToolError("entity '" + entity + "' has no state field '" + path + "' (fields: "
                        + (state.isEmpty() ? "none" : String.join(", ", state.propertyNames())) + ")");
            }
        }
        return out;
    }

    /** A number in a summary: six significant digits (see {@link Numbers#brief}). */
    public static String num(double v) {
        return Numbers.brief(v, 6);
    }
}
