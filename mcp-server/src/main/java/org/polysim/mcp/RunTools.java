package org.polysim.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.polysim.engine.AdvanceReport;
import org.polysim.engine.LogLine;
import org.polysim.engine.Message;
import org.polysim.engine.MetricView;
import org.polysim.engine.SimulationException;
import org.polysim.engine.World;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Advancing time and reading what happened: metrics, logs, messages. */
final class RunTools {

    private static final String WORLD = "Name of the world.";
    /** Progress notifications at most this often. */
    private static final long PROGRESS_NANOS = 250_000_000L;
    private static final int MAX_DELIVERED = 100;

    private final ServerState state;

    RunTools(ServerState state) {
        this.state = state;
    }

    List<Tool> tools() {
        Schema maxPoints = Schema.of();
        return List.of(
                new Tool("advance_simulation", """
                        Run num_steps ticks. Each tick: deliver due messages, update every entity, apply their \
                        commands, close the tick's metrics. Returns the new time, messages delivered and the last \
                        tick's metric values. A script failure stops at the last completed tick (nothing of the \
                        failed tick is applied) and the error names entity, script, line and cause.""",
                        Schema.of().required("world_name", "string", WORLD)
                                .required("num_steps", "integer", "Ticks to run (1 to 1000000).")
                                .optional("step_duration", "number", "Must equal the world's dt if given (time per "
                                        + "tick is fixed per world).")
                                .optional("include_delivered_messages", "boolean", "Also return the messages "
                                        + "delivered during this call (the last " + MAX_DELIVERED + ")."),
                        Schema.of().optional("time", "number", "Time after the call.")
                                .optional("last_tick_metrics", "object", "Metric values of the last tick.").open(),
                        false, this::advance),
                new Tool("list_metrics", "Names and statistics (count, total, mean, min, max, last) of a world's "
                        + "metrics.",
                        Schema.of().required("world_name", "string", WORLD),
                        Schema.of().optional("metrics", "array", "One entry per metric.").open(), true,
                        this::listMetrics),
                new Tool("get_metric", "One metric: statistics and its time series (averaged into at most "
                        + "max_points points for long runs).",
                        Schema.of().required("world_name", "string", WORLD)
                                .required("metric_name", "string", "Metric name (see list_metrics).")
                                .optional("max_points", "integer", "Longest series to return (default 200)."),
                        Schema.of().optional("values", "array", "Per-tick sums.").open(), true, this::getMetric),
                new Tool("get_metrics", "Several metrics at once (all when metrics is omitted), with statistics and "
                        + "series.",
                        Schema.of().required("world_name", "string", WORLD)
                                .optional("metrics", "array", "Metric names (default: all).",
                                        Map.of("items", Map.of("type", "string")))
                                .optional("max_points", "integer", "Longest series per metric (default 200)."),
                        Schema.of().optional("metrics", "object", "name: {stats, times, values}").open(), true,
                        this::getMetrics),
                new Tool("get_log", "The world log: script print/e.log lines, dropped messages, rolled-back ticks.",
                        Schema.of().required("world_name", "string", WORLD)
                                .optional("entity_id", "string", "Only lines of this entity.")
                                .optional("tail", "integer", "How many of the newest lines (default 50)."),
                        Schema.of().optional("lines", "array", "{time, entity, text}").open(), true, this::getLog),
                new Tool("get_messages", "Recently delivered messages (the world keeps the newest "
                        + "limits.message_history, default 1000), filterable by entity and time.",
                        Schema.of().required("world_name", "string", WORLD)
                                .optional("entity_id", "string", "Only messages from or to this entity.")
                                .optional("since_time", "number", "Only messages delivered at or after this time.")
                                .optional("limit", "integer", "At most this many of the newest (default 50)."),
                        Schema.of().optional("messages", "array", "{from, to, kind, content, sent_at, "
                                + "delivered_at}").open(), true, this::getMessages));
    }

    private Tool.Result advance(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        long steps = c.args().integer("num_steps", 1, 1_000_000, null);
        Double stepDuration = c.args().optNumber("step_duration");
        boolean includeMessages = c.args().bool("include_delivered_messages", false);
        Object token = c.request().meta() == null ? null : c.request().meta().get("progressToken");
        return state.locked(name, () -> {
            World w = state.world(name);
            if (stepDuration != null && Math.abs(stepDuration - w.dt()) > 1e-12) {
                throw new ToolError("step_duration " + stepDuration + " differs from world '" + name + "''s dt ("
                        + Views.num(w.dt()) + "); time per tick is fixed per world: omit step_duration, or create "
                        + "the world with dt: " + stepDuration);
            }
            long firstTick = w.tick() + 1;
            long[] last = {System.nanoTime()};
            AdvanceReport report;
            try {
                report = w.advance(steps, done -> {
                    long now = System.nanoTime();
                    if (token != null && (now - last[0] >= PROGRESS_NANOS || done == steps)) {
                        last[0] = now;
                        c.exchange().progressNotification(new McpSchema.ProgressNotification(token, (double) done,
                                (double) steps, "tick " + done + " of " + steps));
                    }
                });
            } catch (SimulationException e) {
                throw new ToolError(e.getMessage() + " " + e.ticksCompleted() + " of " + steps
                        + " ticks completed before it; the world is at time " + Views.num(w.time()) + ". Fix the "
                        + "script with update_script (or the entity with set_entity_state) and advance again; "
                        + "get_log shows what the scripts printed.");
            }
            ObjectNode out = Json.object().put("world_name", name).put("time", report.time()).put("tick", w.tick())
                    .put("ticks_run", report.ticks()).put("messages_delivered", report.delivered())
                    .put("messages_dropped", report.dropped()).put("entities", w.entityCount())
                    .put("pending_messages", w.pendingMessages());
            ObjectNode metrics = out.putObject("last_tick_metrics");
            new java.util.TreeMap<>(report.lastTickMetrics()).forEach(metrics::put);
            if (includeMessages) {
                ArrayNode list = out.putArray("delivered_messages");
                for (Message m : w.deliveredMessages(null, firstTick, MAX_DELIVERED)) {
                    list.add(Views.message(m, w.dt()));
                }
            }
            StringBuilder summary = new StringBuilder("world '" + name + "' at time " + Views.num(report.time())
                    + " (+" + report.ticks() + " ticks): " + report.delivered() + " messages delivered, "
                    + report.dropped() + " dropped, " + w.entityCount() + " entities");
            if (!report.lastTickMetrics().isEmpty()) {
                summary.append("; last tick: ");
                new java.util.TreeMap<>(report.lastTickMetrics()).forEach((k, v) ->
                        summary.append(k).append('=').append(Views.num(v)).append(' '));
            }
            return new Tool.Result(out, summary.toString().strip());
        });
    }

    private Tool.Result listMetrics(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        return state.locked(name, () -> {
            World w = state.world(name);
            ArrayNode list = Json.F.arrayNode();
            for (String metric : w.metricNames()) {
                list.add(Views.stats(w.metric(metric).orElseThrow()));
            }
            ObjectNode out = Json.object().put("world_name", name);
            out.set("metrics", list);
            return new Tool.Result(out, list.isEmpty() ? "no metrics yet: scripts record them with "
                    + "e.metric(name, value)" : list.size() + " metrics: " + String.join(", ", w.metricNames()));
        });
    }

    private Tool.Result getMetric(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        String metric = c.args().string("metric_name");
        int maxPoints = (int) c.args().integer("max_points", 1, 100_000, 200L);
        return state.locked(name, () -> {
            World w = state.world(name);
            ObjectNode out = Views.metric(find(w, metric), maxPoints);
            out.put("world_name", name);
            return new Tool.Result(out, metric + ": last " + Views.num(out.path("last").asDouble()) + ", mean "
                    + Views.num(out.path("mean").asDouble()) + ", min " + Views.num(out.path("min").asDouble())
                    + ", max " + Views.num(out.path("max").asDouble()) + " over " + out.path("count").asLong()
                    + " ticks");
        });
    }

    private Tool.Result getMetrics(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        List<String> names = c.args().optStrings("metrics");
        int maxPoints = (int) c.args().integer("max_points", 1, 100_000, 200L);
        return state.locked(name, () -> {
            World w = state.world(name);
            ObjectNode out = Json.object().put("world_name", name);
            ObjectNode metrics = out.putObject("metrics");
            for (String metric : names == null ? w.metricNames() : names) {
                metrics.set(metric, Views.metric(find(w, metric), maxPoints));
            }
            return new Tool.Result(out, metrics.size() + " metrics of world '" + name + "' at time "
                    + Views.num(w.time()));
        });
    }

    private static MetricView find(World w, String metric) {
        return w.metric(metric).orElseThrow(() -> new ToolError("no metric '" + metric + "' in world '" + w.name()
                + "' (metrics: " + (w.metricNames().isEmpty() ? "none yet: scripts record them with "
                + "e.metric(name, value) and they appear after a tick" : String.join(", ", w.metricNames())) + ")"));
    }

    private Tool.Result getLog(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        String entity = c.args().optString("entity_id");
        int tail = (int) c.args().integer("tail", 1, 100_000, 50L);
        return state.locked(name, () -> {
            World w = state.world(name);
            List<LogLine> lines = w.log(entity, tail);
            ArrayNode list = Json.F.arrayNode();
            StringBuilder text = new StringBuilder();
            for (LogLine l : lines) {
                list.addObject().put("time", l.time()).put("entity", l.entity()).put("text", l.text());
                text.append('\n').append(l);
            }
            ObjectNode out = Json.object().put("world_name", name);
            out.set("lines", list);
            return new Tool.Result(out, lines.size() + " log lines" + text, true);
        });
    }

    private Tool.Result getMessages(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        String entity = c.args().optString("entity_id");
        Double since = c.args().optNumber("since_time");
        int limit = (int) c.args().integer("limit", 1, 100_000, 50L);
        return state.locked(name, () -> {
            World w = state.world(name);
            long fromTick = since == null ? 0 : (long) Math.ceil(since / w.dt() - 1e-9);
            ArrayNode list = Json.F.arrayNode();
            for (Message m : w.deliveredMessages(entity, fromTick, limit)) {
                list.add(Views.message(m, w.dt()));
            }
            ObjectNode out = Json.object().put("world_name", name);
            out.set("messages", list);
            return new Tool.Result(out, list.size() + " delivered messages");
        });
    }
}
