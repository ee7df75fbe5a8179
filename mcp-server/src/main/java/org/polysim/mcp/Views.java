package org.polysim.mcp;

import org.polysim.engine.Message;
import org.polysim.engine.MetricView;
import org.polysim.engine.Numbers;
import org.polysim.engine.Series;
import org.polysim.engine.World;
import java.util.List;
import tools.jackson.databind.JsonNode;
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
        if (w.hasNetwork()) {
            out.putObject("network").put("links", w.linkCount());
        }
        w.space().ifPresent(space -> {
            out.set("space", space.json());
            if (!w.layers().isEmpty()) {
                ObjectNode layers = out.putObject("layers");
                w.layers().forEach((name, spec) -> layers.set(name, spec.json()));
            }
        });
        return out;
    }

    static ObjectNode message(Message m, double dt) {
        ObjectNode o = Json.object().put("from", m.from()).put("to", m.to()).put("kind", m.kind());
        o.set("content", m.content());
        o.put("sent_at", m.sentAt()).put("delivered_at", m.deliverTick() * dt);
        return o;
    }

    /**
     * A metric's statistics over its whole history, with the time of {@code last} and, when that is not {@code now}
     * (the world's time), a note saying so: a count that reached zero must never read as its last non-zero value.
     */
    static ObjectNode stats(MetricView m, double now) {
        ObjectNode o = Json.object().put("name", m.name()).put("count", m.count()).put("total", m.total())
                .put("mean", m.mean()).put("min", m.min()).put("max", m.max()).put("last", m.last());
        return last(o, m.count(), m.lastTime(), now);
    }

    /** {@code last_time}, and {@code last_note} when the last value is older than {@code now}. */
    private static ObjectNode last(ObjectNode o, long count, double lastTime, double now) {
        if (count == 0) {
            o.putNull("last_time");
        } else {
            o.put("last_time", lastTime);
        }
        String stale = MetricView.staleness(count, lastTime, now);
        return stale.isEmpty() ? o : o.put("last_note", count == 0 ? stale : stale + " (t = " + num(now) + ")");
    }

    /**
     * Metrics over a time window on one shared time axis ({@link Series}) as JSON: {@code times} once, and per
     * metric its statistics over the window and {@code values} aligned with {@code times} (null where the metric had
     * no value), with {@code bucket_min} and {@code bucket_max} when downsampled.
     *
     * @param withSeries false for statistics only
     */
    static ObjectNode series(List<MetricView> metrics, Double since, Double until, int maxPoints,
                             boolean withSeries, double now) {
        double end = until == null ? now : Math.min(until, now); // "no value since" means up to the window's end
        Series series = Series.of(metrics, since, until, maxPoints);
        ObjectNode out = Json.object();
        if (withSeries) {
            ArrayNode ts = out.putArray("times");
            for (double t : series.times()) {
                ts.add(t);
            }
            out.put("downsampled", series.downsampled());
        }
        ObjectNode byName = out.putObject("metrics");
        for (Series.Line line : series.lines()) {
            Series.Stats st = line.stats();
            ObjectNode o = last(Json.object().put("count", st.count()).put("total", st.total())
                    .put("mean", st.mean()).put("min", st.min()).put("max", st.max()).put("last", st.last()),
                    st.count(), st.lastTime(), end);
            if (withSeries) {
                numbers(o.putArray("values"), line.mean());
                if (series.downsampled()) {
                    numbers(o.putArray("bucket_min"), line.min());
                    numbers(o.putArray("bucket_max"), line.max());
                }
            }
            byName.set(line.name(), o);
        }
        return out;
    }

    /**
     * What a model reads of {@link #series}' result, in the text beside its structured copy: each metric's
     * statistics on a line ({@code withStats}; get_metric's summary already says them), then the series as a CSV
     * table ({@code time} and a column per metric, {@code <metric>.min} and {@code <metric>.max} beside a metric
     * whose buckets spread; an empty cell: no value). A table repeats no key per value, so the text is about half
     * the JSON it stands for (bench/RESULTS.md, "Response sizes").
     */
    static String seriesText(ObjectNode series, boolean withStats) {
        StringBuilder s = new StringBuilder();
        series.path("metrics").properties().forEach(e -> {
            if (!withStats) {
                return;
            }
            JsonNode m = e.getValue();
            s.append(e.getKey()).append(": count ").append(m.path("count").asLong());
            if (m.path("count").asLong() > 0) {
                s.append(", mean ").append(num(m.path("mean").asDouble())).append(", min ")
                        .append(num(m.path("min").asDouble())).append(", max ").append(num(m.path("max").asDouble()))
                        .append(", total ").append(num(m.path("total").asDouble())).append(", last ")
                        .append(num(m.path("last").asDouble())).append(" at t = ")
                        .append(num(m.path("last_time").asDouble()));
            }
            if (m.has("last_note")) {
                s.append(m.path("count").asLong() > 0 ? ", no value since" : " (no value recorded)");
            }
            s.append('\n');
        });
        JsonNode times = series.path("times");
        if (!times.isArray() || times.isEmpty()) {
            return s.toString().strip();
        }
        // a metric's bucket min and max only where some bucket's values differ: else they repeat its mean
        java.util.Map<String, Boolean> bands = new java.util.LinkedHashMap<>();
        series.path("metrics").properties().forEach(e -> bands.put(e.getKey(), spread(e.getValue())));
        s.append(bands.containsValue(true) ? "series (bucket means; .min and .max where a bucket's values differ):\n"
                : "series:\n").append("time");
        bands.forEach((name, band) -> s.append(',').append(name).append(band ? "," + name + ".min," + name
                + ".max" : ""));
        for (int i = 0; i < times.size(); i++) {
            s.append('\n').append(num(times.get(i).asDouble()));
            for (var e : series.path("metrics").properties()) {
                JsonNode m = e.getValue();
                cell(s, m.path("values").path(i));
                if (bands.get(e.getKey())) {
                    cell(s, m.path("bucket_min").path(i));
                    cell(s, m.path("bucket_max").path(i));
                }
            }
        }
        return s.toString();
    }

    /** Whether some bucket of a metric holds different values (its min is not its max). */
    private static boolean spread(JsonNode metric) {
        JsonNode min = metric.path("bucket_min");
        JsonNode max = metric.path("bucket_max");
        for (int i = 0; i < min.size(); i++) {
            if (min.get(i).isNumber() && min.get(i).doubleValue() != max.path(i).doubleValue()) {
                return true;
            }
        }
        return false;
    }

    private static void cell(StringBuilder s, JsonNode v) {
        s.append(',');
        if (v.isNumber()) {
            s.append(num(v.doubleValue())); // six digits to read; the structured copy has every digit
        }
    }

    /** Values as JSON numbers, NaN (no value) as null. */
    private static void numbers(ArrayNode into, double[] values) {
        for (double v : values) {
            if (Double.isNaN(v)) {
                into.addNull();
            } else {
                into.add(v);
            }
        }
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

    /** "1 entity", "3 entities": a count with its noun in the right number. */
    public static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** A number in a summary: six significant digits (see {@link Numbers#brief}). */
    public static String num(double v) {
        return Numbers.brief(v);
    }
}
