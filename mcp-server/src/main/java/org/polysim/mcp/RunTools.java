package org.polysim.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    /** Default and largest max_seconds of one advance_simulation: clients commonly give up after 60 s. */
    static final double DEFAULT_SECONDS = 30;
    static final double MAX_SECONDS = 3600;

    private final ServerState state;

    RunTools(ServerState state) {
        this.state = state;
    }

    List<Tool> tools() {
        return List.of(
                new Tool("advance_simulation", """
                        Run num_steps ticks; returns the time, messages delivered and dropped, the last tick's \
                        metrics. A script failure, max_seconds or a cancel stops at the last completed tick, saying \
                        why (entity, script, line) or how many ticks remain.""",
                        Schema.of().required("world_name", "string", WORLD)
                                .required("num_steps", "integer", "Ticks to run (1 to 1000000).")
                                .optional("max_seconds", "number", "Return by then at the last completed tick (default "
                                        + DEFAULT_SECONDS + ", up to " + MAX_SECONDS + ").")
                                .optional("step_duration", "number", "Must equal the world's dt if given.")
                                .optional("include_delivered_messages", "boolean", "Also return the messages "
                                        + "delivered (the last " + MAX_DELIVERED + ")."),
                        Schema.of().optional("time", "number", "Time after the call.")
                                .optional("ticks_run", "integer", "Ticks completed by this call.")
                                .optional("ticks_remaining", "integer", "Ticks asked for but not run (stopped).")
                                .optional("last_tick_metrics", "object", "Metric values of the last tick "
                                        + "(entities.<script>: each script's live count).")
                                .optional("no_value_last_tick", "object", "Metrics nobody recorded in the last "
                                        + "tick: name: {last, last_time} (the last value is older than now).")
                                .open(),
                        Tool.Hints.CHANGE, this::advance),
                new Tool("list_metrics", "Names and statistics (count, total, mean, min, max, last) of a world's "
                        + "metrics.",
                        Schema.of().required("world_name", "string", WORLD),
                        Schema.of().optional("metrics", "array", "One entry per metric.").open(), Tool.Hints.READ,
                        this::listMetrics),
                new Tool("get_metric", "One metric: statistics (with the time of its last value) and its series; "
                        + "long series as max_points bucket means with bucket_min and bucket_max.",
                        window(Schema.of().required("world_name", "string", WORLD)
                                .required("metric_name", "string", "Metric name (see list_metrics).")),
                        Schema.of().optional("values", "array", "Per-tick sums (bucket means when downsampled).")
                                .open(), Tool.Hints.READ, this::getMetric),
                new Tool("get_metrics", "Several metrics (default all) on one time axis: times once, each metric's "
                        + "values aligned with it (null: no value).",
                        window(Schema.of().required("world_name", "string", WORLD)
                                .optional("metrics", "array", "Metric names (default: all).",
                                        Schema.STRINGS)),
                        Schema.of().optional("times", "array", "The shared time axis.")
                                .optional("metrics", "object", "name: {count, total, mean, min, max, last, values}")
                                .open(), Tool.Hints.READ, this::getMetrics),
                new Tool("get_log", "The world log, newest last: script prints, dropped messages, engine notices "
                        + "(a failed tick's marked rolled back). Pages: before: <next_before>.",
                        Schema.of().required("world_name", "string", WORLD)
                                .optional("entity_id", "string", "Only lines of this entity.")
                                .optional("kinds", "array", "Only these kinds: output, dropped, engine (default "
                                        + "all).", Map.of("items", Map.of("type", "string",
                                        "enum", List.of("output", "dropped", "engine"))))
                                .optional("tail", "integer", "How many of the newest lines (default 50).")
                                .optional("before", "integer", "Lines older than this (a next_before)."),
                        Schema.of().optional("lines", "array", "{seq, time, entity, kind, text, rolled_back?}")
                                .optional("next_before", "integer", "Pass as before for older lines; absent when "
                                        + "there are none.").open(), Tool.Hints.READ, this::getLog),
                new Tool("get_messages", "Recently delivered messages (the world keeps the newest "
                        + "limits.message_history, default 1000), filterable by entity and time.",
                        Schema.of().required("world_name", "string", WORLD)
                                .optional("entity_id", "string", "Only messages from or to this entity.")
                                .optional("since_time", "number", "Only messages delivered at or after this time.")
                                .optional("limit", "integer", "At most this many of the newest (default 50)."),
                        Schema.of().optional("messages", "array", "{from, to, kind, content, sent_at, "
                                + "delivered_at}").open(), Tool.Hints.READ, this::getMessages));
    }

    private static Schema window(Schema s) {
        return s.optional("since_time", "number", "From this time on (default: the start).")
                .optional("until_time", "number", "Up to this time (default: now).")
                .optional("max_points", "integer", "Most points per series (default 200).")
                .optional("stats_only", "boolean", "Statistics only, no series.");
    }

    private Tool.Result advance(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        long steps = c.args().integer("num_steps", 1, 1_000_000, null);
        Double stepDuration = c.args().optNumber("step_duration");
        boolean includeMessages = c.args().bool("include_delivered_messages", false);
        double maxSeconds = c.args().number("max_seconds", 0.01, MAX_SECONDS, DEFAULT_SECONDS);
        Object token = c.progressToken();
        String requestId = c.requestId();
        return state.worlds.withWorld(name, w -> {
            if (stepDuration != null && Math.abs(stepDuration - w.dt()) > 1e-12) {
                throw new ToolError("step_duration " + stepDuration + " differs from world '" + name + "''s dt ("
                        + Views.num(w.dt()) + "); time per tick is fixed per world: omit step_duration, or create "
                        + "the world with dt: " + stepDuration);
            }
            long firstTick = w.tick() + 1;
            long started = state.nanoTime.getAsLong();
            long deadline = started + (long) (maxSeconds * 1e9);
            Runs.Run run = new Runs.Run(name, requestId, w.tick(), w.tick() + steps, started);
            long[] last = {started};
            AdvanceReport report;
            try {
                report = state.worlds.running(run, () -> state.watch.run(run, w, () -> w.advance(steps, done -> {
                    if (run.abandoned()) {
                        return false; // given up on: the world in the registry is another one now
                    }
                    long now = state.nanoTime.getAsLong();
                    if (token != null && (now - last[0] >= PROGRESS_NANOS || done == steps)) {
                        last[0] = now;
                        c.exchange().progressNotification(new McpSchema.ProgressNotification(token, (double) done,
                                (double) steps, "tick " + done + " of " + steps));
                    }
                    run.done = done;
                    return !run.cancelled && now < deadline;
                })));
            } catch (SimulationException e) {
                throw new ToolError(e.getMessage() + " " + e.ticksCompleted() + " of " + steps
                        + " ticks completed before it; the world is at time " + Views.num(w.time()) + ". Fix the "
                        + "script with update_script (or the entity with set_entity_state) and advance again; "
                        + "get_log shows what the scripts printed, the failed tick's lines included.");
            }
            long remaining = steps - report.ticks();
            String stopped = remaining == 0 ? null : run.cancelled ? "cancelled" : "max_seconds";
            ObjectNode out = Json.object().put("world_name", name).put("time", report.time()).put("tick", w.tick())
                    .put("ticks_run", report.ticks()).put("ticks_remaining", remaining)
                    .put("messages_delivered", report.delivered()).put("messages_dropped", report.dropped())
                    .put("entities", w.entityCount()).put("pending_messages", w.pendingMessages());
            if (stopped != null) {
                out.put("stopped", stopped);
            }
            if (!report.unknownRecipients().isEmpty()) {
                ArrayNode unknown = out.putArray("unknown_recipients");
                report.unknownRecipients().forEach(unknown::add);
            }
            ObjectNode metrics = out.putObject("last_tick_metrics");
            new java.util.TreeMap<>(report.lastTickMetrics()).forEach(metrics::put);
            List<MetricView> silent = new java.util.ArrayList<>();
            for (String metric : report.ticks() == 0 ? List.<String>of() : w.metricNames()) {
                if (report.lastTickMetrics().containsKey(metric)) {
                    continue; // it has a value now; a view copies its whole history, so only the others are read
                }
                MetricView m = w.metric(metric).orElseThrow();
                if (m.count() > 0 && !m.lastIsCurrent(w.time())) {
                    silent.add(m);
                    out.withObject("no_value_last_tick").putObject(metric).put("last", m.last())
                            .put("last_time", m.lastTime());
                }
            }
            if (includeMessages) {
                ArrayNode list = out.putArray("delivered_messages");
                for (Message m : w.deliveredMessages(null, firstTick, MAX_DELIVERED)) {
                    list.add(Views.message(m, w.dt()));
                }
            }
            StringBuilder summary = new StringBuilder("world '" + name + "' at time " + Views.num(report.time())
                    + " (+" + Views.count(report.ticks(), "tick", "ticks") + "): " + Views.count(report.delivered(), "message",
                    "messages") + " delivered, "
                    + report.dropped() + " dropped, " + Views.count(w.entityCount(), "entity", "entities"));
            if (stopped != null) {
                summary.append(". STOPPED early (").append(stopped.equals("cancelled") ? "cancelled"
                        : "max_seconds " + Views.num(maxSeconds) + " reached").append(") at tick ").append(w.tick())
                        .append(" with ").append(remaining).append(" of ").append(steps).append(" ticks not run; ")
                        .append("the world is consistent. To go on, call advance_simulation again with num_steps: ")
                        .append(remaining).append(stopped.equals("cancelled") ? "" : " (and a larger max_seconds "
                                + "if your client waits that long)");
            }
            if (!report.unknownRecipients().isEmpty()) {
                summary.append(". Messages were sent to ids that never existed (typos?): ")
                        .append(String.join(", ", report.unknownRecipients()))
                        .append("; get_log with kinds: [dropped] lists them");
            }
            if (!report.lastTickMetrics().isEmpty()) {
                summary.append("; last tick: ");
                new java.util.TreeMap<>(report.lastTickMetrics()).forEach((k, v) ->
                        summary.append(k).append('=').append(Views.num(v)).append(' '));
            }
            if (!silent.isEmpty()) {
                summary.append("; no value in the last tick: ")
                        .append(String.join("; ", MetricView.staleLasts(silent, w.time())));
            }
            return new Tool.Result(out, summary.toString().strip());
        });
    }

    private Tool.Result listMetrics(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        return state.worlds.withWorld(name, w -> {
            List<MetricView> views = w.metricNames().stream().map(m -> w.metric(m).orElseThrow()).toList();
            ArrayNode list = Json.F.arrayNode();
            views.forEach(m -> list.add(Views.stats(m, w.time())));
            ObjectNode out = Json.object().put("world_name", name).put("time", w.time());
            out.set("metrics", list);
            List<String> stale = MetricView.staleLasts(views, w.time());
            return new Tool.Result(out, list.isEmpty() ? "no metrics yet: scripts record them with "
                    + "e.metric(name, value)" : list.size() + " metrics at time " + Views.num(w.time()) + ": "
                    + String.join(", ", w.metricNames()) + (stale.isEmpty() ? "" : ". No value now: "
                    + String.join("; ", stale)));
        });
    }

    private Tool.Result getMetric(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        String metric = c.args().string("metric_name");
        Window window = Window.of(c.args());
        return state.worlds.withWorld(name, w -> {
            ObjectNode all = window.apply(List.of(find(w, metric)), w.time());
            ObjectNode out = Json.object().put("world_name", name).put("name", metric);
            out.setAll((ObjectNode) all.get("metrics").get(metric));
            if (all.has("times")) {
                out.set("times", all.get("times"));
                out.set("downsampled", all.get("downsampled"));
            }
            String when = out.path("last_time").isNumber() ? " at t = " + Views.num(out.path("last_time").asDouble())
                    + (out.has("last_note") ? " (no value since; the world is at t = " + Views.num(w.time()) + ")"
                    : "") : " (no value recorded)";
            return new Tool.Result(out, metric + ": last " + Views.num(out.path("last").asDouble()) + when + ", mean "
                    + Views.num(out.path("mean").asDouble()) + ", min " + Views.num(out.path("min").asDouble())
                    + ", max " + Views.num(out.path("max").asDouble()) + " over " + out.path("count").asLong()
                    + " ticks" + window.describe() + "\n" + Views.seriesText(all, false), true);
        });
    }

    private Tool.Result getMetrics(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        List<String> names = c.args().optStrings("metrics");
        Window window = Window.of(c.args());
        return state.worlds.withWorld(name, w -> {
            List<MetricView> views = new java.util.ArrayList<>();
            for (String metric : names == null ? w.metricNames() : names) {
                views.add(find(w, metric));
            }
            ObjectNode out = Json.object().put("world_name", name);
            out.setAll(window.apply(views, w.time()));
            List<String> stale = window.until() == null ? MetricView.staleLasts(views, w.time()) : List.of();
            return new Tool.Result(out, views.size() + " metrics of world '" + name + "' at time "
                    + Views.num(w.time()) + window.describe() + (stale.isEmpty() ? "" : ". No value now: "
                    + String.join("; ", stale)) + "\n" + Views.seriesText(out, true), true);
        });
    }

    /** The window and resolution arguments shared by get_metric and get_metrics. */
    private record Window(PlotTools.Window time, int maxPoints, boolean statsOnly) {
        static Window of(Args a) {
            return new Window(PlotTools.Window.of(a), (int) a.integer("max_points", 1, 100_000, 200L),
                    a.bool("stats_only", false));
        }

        Double until() {
            return time.until();
        }

        ObjectNode apply(List<MetricView> views, double now) {
            return Views.series(views, time.since(), time.until(), maxPoints, !statsOnly, now);
        }

        String describe() {
            return (time.since() == null ? "" : " from time " + Views.num(time.since()))
                    + (time.until() == null ? "" : " until time " + Views.num(time.until()));
        }
    }

    private static MetricView find(World w, String metric) {
        return org.polysim.plot.Metrics.find(w, metric);
    }

    private Tool.Result getLog(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        String entity = c.args().optString("entity_id");
        Set<LogLine.Kind> kinds = kinds(c.args().optStrings("kinds"));
        int tail = (int) c.args().integer("tail", 1, 100_000, 50L);
        long before = c.args().integer("before", 0, Long.MAX_VALUE, -1L);
        return state.worlds.withWorld(name, w -> {
            List<LogLine> lines = w.log(entity, kinds, before, tail);
            // newest first until the page is full: the text and the JSON both carry each line
            int room = state.responseBytes - 2048;
            int from = lines.size();
            while (from > 0) {
                LogLine l = lines.get(from - 1);
                int cost = 2 * l.text().length() + 160;
                if (cost > room) {
                    break;
                }
                room -= cost;
                from--;
            }
            if (from == lines.size() && from > 0) {
                from--; // one line longer than a page: show it, cut by the response budget
            }
            List<LogLine> page = lines.subList(from, lines.size());
            ArrayNode list = Json.F.arrayNode();
            StringBuilder text = new StringBuilder();
            for (LogLine l : page) {
                ObjectNode o = list.addObject().put("seq", l.seq()).put("time", l.time()).put("entity", l.entity())
                        .put("kind", l.kind().label()).put("text", l.text());
                if (l.rolledBack()) {
                    o.put("rolled_back", true);
                }
                text.append('\n').append(l);
            }
            ObjectNode out = Json.object().put("world_name", name);
            out.set("lines", list);
            boolean older = !page.isEmpty() && !w.log(entity, kinds, page.getFirst().seq(), 1).isEmpty();
            String head = page.size() + " log lines";
            if (older) {
                out.put("next_before", page.getFirst().seq());
                head += (page.size() < tail ? ", the newest that fit in one response" : "")
                        + "; older lines exist: get_log with before: " + page.getFirst().seq()
                        + (entity == null && kinds == null ? "" : " and the same entity_id/kinds");
            }
            if (lines.isEmpty() && entity == null && kinds == null && before < 0) {
                head += ": nothing logged yet (scripts write with print or e.log)";
            }
            return new Tool.Result(out, head + text, true);
        });
    }

    private static Set<LogLine.Kind> kinds(List<String> names) {
        if (names == null) {
            return null;
        }
        Set<LogLine.Kind> out = java.util.EnumSet.noneOf(LogLine.Kind.class);
        for (String n : names) {
            LogLine.Kind k = java.util.Arrays.stream(LogLine.Kind.values()).filter(x -> x.label().equals(n))
                    .findFirst().orElseThrow(() -> new ToolError("get_log: unknown kind '" + n + "' in kinds; "
                            + "kinds are output (what scripts print), dropped (dropped messages), engine (notices)"));
            out.add(k);
        }
        return out;
    }

    private Tool.Result getMessages(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        String entity = c.args().optString("entity_id");
        Double since = c.args().optNumber("since_time");
        int limit = (int) c.args().integer("limit", 1, 100_000, 50L);
        return state.worlds.withWorld(name, w -> {
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
