package org.polysim.mcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.polysim.engine.MetricView;
import org.polysim.plot.MetricChart;
import org.polysim.plot.Metrics;
import org.polysim.plot.NetworkPicture;
import org.polysim.plot.Picture;
import org.polysim.plot.WorldPicture;
import tools.jackson.databind.node.ObjectNode;

/** plot_metrics: a chart of metrics over time, as an image in the tool result. */
final class PlotTools {

    /** Room in a response for the text and structured content beside the image. */
    private static final int TEXT_ROOM = 4096;

    private final ServerState state;

    PlotTools(ServerState state) {
        this.state = state;
    }

    List<Tool> tools() {
        return List.of(new Tool("plot_metrics", """
                A PNG line chart of metrics over time; far-apart scales in panels, long runs as bucket means \
                with a min-max band; world_names: several worlds. At most %d lines."""
                .formatted(MetricChart.MAX_LINES),
                window(Schema.of().optional("world_name", "string", "The world to draw (or world_names).")
                        .optional("world_names", "array", "Several worlds on one chart, instead of world_name.",
                                Schema.STRINGS)
                        .optional("metrics", "array", "Metric names (default: the first " + MetricChart.MAX_LINES
                                + ").", Schema.STRINGS))
                        .optional("title", "string", "Chart title, at most " + MetricChart.MAX_TITLE
                                + " characters (default: what is drawn).")
                        .optional("width", "integer", "Pixels, " + MetricChart.MIN_SIDE + " to " + MetricChart.MAX_SIDE
                                + " (default " + MetricChart.DEFAULT_WIDTH + ").")
                        .optional("height", "integer", "Pixels, " + MetricChart.MIN_SIDE + " to "
                                + MetricChart.MAX_SIDE + " (default " + MetricChart.DEFAULT_HEIGHT + ")."),
                Schema.of().optional("lines", "array", "The names of the lines drawn.", Schema.STRINGS)
                        .optional("left_out", "array", "Metrics not drawn (more than fit one chart).", Schema.STRINGS)
                        .optional("no_value_now", "array", "Lines whose last value is older than their world's "
                                + "time: 'name: last V at t = T, no value since'.", Schema.STRINGS)
                        .optional("width", "integer", "Width of the image in pixels.")
                        .optional("height", "integer", "Height of the image in pixels.").open(),
                Tool.Hints.READ_SLOW, this::plot),
                new Tool("render_world", "A PNG picture of a world: entities coloured by script or a state "
                        + "field over a layer's heat map; a network without space as a graph.",
                        Schema.of().required("world_name", "string", "The world to draw.")
                                .optional("color_by", "string", "script (default) or a state field (wallet.cash).")
                                .optional("layer", "string", "A layer to draw under the entities as a heat map.")
                                .optional("entities", "boolean", "Draw the entities (default true).")
                                .optional("title", "string", "Title (default: the world and its time).")
                                .optional("size", "integer", "Pixels on the longer side, " + MetricChart.MIN_SIDE
                                        + " to " + MetricChart.MAX_SIDE + " (default 600)."),
                        Schema.of().optional("width", "integer", "Width of the image in pixels.")
                                .optional("height", "integer", "Height of the image in pixels.")
                                .optional("legend", "array", "What each colour means.", Schema.STRINGS).open(),
                        Tool.Hints.READ_SLOW, this::render, ViewTools.URI));
    }

    private Tool.Result render(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        String colorBy = c.args().optString("color_by");
        String layer = c.args().optString("layer");
        boolean entities = c.args().bool("entities", true);
        int size = (int) c.args().integer("size", MetricChart.MIN_SIDE, MetricChart.MAX_SIDE, 600L);
        if (!entities && layer == null) {
            throw new ToolError("render_world: with entities: false there is nothing to draw; give a layer");
        }
        return state.worlds.withWorld(name, w -> {
            if (layer != null && !w.layers().containsKey(layer)) {
                throw new ToolError("render_world: no layer '" + layer + "' in world '" + name + "' (layers: "
                        + (w.layers().isEmpty() ? "none" : String.join(", ", w.layers().keySet())) + ")");
            }
            String title = c.args().has("title") ? c.args().string("title")
                    : "world '" + name + "' at time " + Views.num(w.time());
            if (title.length() > MetricChart.MAX_TITLE) {
                throw new ToolError("render_world: title has " + title.length() + " characters; at most "
                        + MetricChart.MAX_TITLE);
            }
            if (w.space().isEmpty() && w.hasNetwork()) {
                if (layer != null) {
                    throw new ToolError("render_world: world '" + name + "' has a network and no space, so no layers;"
                            + " leave layer out");
                }
                return graph(w, name, colorBy, title, size);
            }
            WorldPicture.Drawn d;
            try {
                d = fitted(WorldPicture.draw(w, colorBy, layer, entities, title, size), (last, scale) -> {
                    int side = (int) (Math.max(last.width(), last.height()) * scale);
                    return side < MetricChart.MIN_SIDE ? null
                            : WorldPicture.draw(w, colorBy, layer, entities, title, side);
                }, "render_world: the picture", "use get_space for a text map");
            } catch (IllegalArgumentException e) {
                throw new ToolError("render_world: " + e.getMessage());
            }
            ObjectNode out = Json.object().put("world_name", name).put("width", d.width()).put("height", d.height())
                    .put("entities", d.dots());
            d.legend().forEach(l -> out.withArray("legend").add(l));
            return new Tool.Result(out, "picture of world '" + name + "' at time " + Views.num(w.time()) + ", "
                    + d.width() + "x" + d.height() + " PNG" + (Math.max(d.width(), d.height()) < size
                    ? " (smaller than the " + size + " asked, to fit the response budget)" : "") + ": " + Views.count(d.dots(), "entity", "entities") + (entities ? " by "
                    + (colorBy == null ? "script" : colorBy) : " not drawn") + (layer == null ? "" : " over layer "
                    + layer) + "; legend: " + String.join(", ", d.legend()), true, d.png());
        });
    }

    /** A network world drawn as a graph, shrunk to fit the response as a map is. */
    private Tool.Result graph(org.polysim.engine.World w, String name, String colorBy, String title, int size) {
        NetworkPicture.Drawn d;
        try {
            NetworkPicture.Layout layout = NetworkPicture.layout(w, colorBy, title); // once: the costly part
            d = fitted(NetworkPicture.draw(layout, size), (last, scale) -> {
                int side = (int) (last.width() * scale);
                return side < MetricChart.MIN_SIDE ? null : NetworkPicture.draw(layout, side);
            }, "render_world: the picture", "get_network describes the network as text");
        } catch (IllegalArgumentException e) {
            throw new ToolError("render_world: " + e.getMessage());
        }
        ObjectNode out = Json.object().put("world_name", name).put("width", d.width()).put("height", d.height())
                .put("nodes", d.nodes()).put("nodes_drawn", d.shown()).put("links", d.links());
        d.legend().forEach(l -> out.withArray("legend").add(l));
        return new Tool.Result(out, "picture of the network of world '" + name + "' at time " + Views.num(w.time())
                + ", " + d.width() + "x" + d.height() + " PNG: " + Views.count(d.nodes(), "node", "nodes")
                + (d.shown() < d.nodes() ? " (" + d.shown() + " drawn: breadth first from the best-connected, with the "
                + "links among them)"
                : "") + ", " + Views.count(d.links(), "link", "links") + ", laid out by force, sized by degree, "
                + "coloured by " + (colorBy == null ? "script" : colorBy) + "; legend: "
                + String.join(", ", d.legend()), true, d.png());
    }

    /** since_time and until_time, as get_metric takes them. */
    static Schema window(Schema s) {
        return s.optional("since_time", "number", "From this time on (default: the start).")
                .optional("until_time", "number", "Up to this time (default: now).");
    }

    /** The time window of a call ({@code since_time}, {@code until_time}), checked; get_metric's too. */
    record Window(Double since, Double until) {
        static Window of(Args a) {
            Double since = a.optNumber("since_time");
            Double until = a.optNumber("until_time");
            if (since != null && until != null && since > until) {
                throw new ToolError("since_time (" + Views.num(since) + ") is after until_time ("
                        + Views.num(until) + "); swap them");
            }
            return new Window(since, until);
        }
    }

    /** world_name or world_names, exactly one of them, without repeats. */
    static List<String> worlds(Args a, String tool) {
        List<String> many = a.optStrings("world_names");
        String one = a.optString("world_name");
        if ((many == null) == (one == null)) {
            throw new ToolError(tool + ": pass world_name (one world) or world_names (several on one chart), "
                    + (one == null ? "neither was given" : "not both"));
        }
        if (one != null) {
            return List.of(one);
        }
        if (many.isEmpty() || many.stream().distinct().count() < many.size()) {
            throw new ToolError(tool + ": world_names must name one or more different worlds, got " + many);
        }
        return many;
    }

    private Tool.Result plot(Tool.Call c) throws Exception {
        List<String> worlds = worlds(c.args(), "plot_metrics");
        List<String> asked = c.args().optStrings("metrics");
        if (asked != null && asked.isEmpty()) {
            throw new ToolError("plot_metrics: metrics is empty; name some (see list_metrics) or omit it for all");
        }
        Window window = Window.of(c.args());
        int width = (int) c.args().integer("width", MetricChart.MIN_SIDE, MetricChart.MAX_SIDE,
                (long) MetricChart.DEFAULT_WIDTH);
        int height = (int) c.args().integer("height", MetricChart.MIN_SIDE, MetricChart.MAX_SIDE,
                (long) MetricChart.DEFAULT_HEIGHT);
        Map<String, List<MetricView>> byWorld = new LinkedHashMap<>();
        List<String> stale = new ArrayList<>();
        for (String name : worlds) { // one lock at a time: the views are copies, drawn after the locks are let go
            byWorld.put(name, state.worlds.withWorld(name, w -> {
                List<MetricView> views = Metrics.of(w, asked);
                MetricView.staleLasts(views, w.time()).forEach(s -> stale.add(worlds.size() > 1 ? name + "/" + s : s));
                return views;
            }));
        }
        Metrics.Picked picked = Metrics.pick(byWorld, asked != null, MetricChart.MAX_LINES);
        String title = c.args().has("title") ? c.args().string("title") : Metrics.title(worlds, picked);
        MetricChart.Drawn drawn = fitted(picked, window, title, width, height);
        ObjectNode out = Json.object();
        picked.lines().forEach(m -> out.withArray("lines").add(m.name()));
        picked.leftOut().forEach(m -> out.withArray("left_out").add(m));
        out.put("width", drawn.width()).put("height", drawn.height()).put("points", drawn.points())
                .put("panels", drawn.panels()).put("from_time", drawn.from()).put("to_time", drawn.to())
                .put("downsampled", drawn.downsampled());
        stale.forEach(s -> out.withArray("no_value_now").add(s));
        return new Tool.Result(out, summary(picked, drawn, width, height) + (stale.isEmpty() ? ""
                : ". Lines that end before now (no value since): " + String.join("; ", stale)), true, drawn.png());
    }

    /**
     * The chart, smaller than asked if the image would not fit the response budget base64-encoded (a long noisy
     * series at full size can); the summary says so.
     */
    private MetricChart.Drawn fitted(Metrics.Picked picked, Window window, String title, int width, int height) {
        return fitted(MetricChart.draw(picked.lines(), picked.metrics(), window.since(), window.until(), title, width,
                height), (last, scale) -> {
                    int w = (int) (last.width() * scale);
                    int h = (int) (last.height() * scale);
                    return w < MetricChart.MIN_SIDE || h < MetricChart.MIN_SIDE ? null
                            : MetricChart.draw(picked.lines(), picked.metrics(), window.since(), window.until(), title,
                            w, h);
                }, "plot_metrics: the chart", "draw fewer metrics or a shorter window (since_time, until_time)");
    }

    /**
     * {@code first}, or a smaller redraw when its PNG would not fit the response budget base64-encoded: up to four
     * times, each scaled by the square root of how far over it is (less a tenth); {@code smaller} gives null when
     * the scaled picture would be below the smallest size.
     *
     * @param what    what is drawn, for the error: "plot_metrics: the chart"
     * @param instead what to ask for when even the smallest does not fit
     */
    private <D extends Picture> D fitted(D first, java.util.function.BiFunction<D, Double, D> smaller, String what,
                                         String instead) {
        long room = (state.responseBytes - TEXT_ROOM) * 3L / 4; // base64 makes 4 bytes of 3
        D d = first;
        for (int attempt = 0; d.png().length > room && attempt < 4; attempt++) {
            D next = smaller.apply(d, Math.sqrt((double) room / d.png().length) * 0.9);
            if (next == null) {
                break;
            }
            d = next;
        }
        if (d.png().length > room) {
            throw new ToolError(what + " does not fit the response budget of " + state.responseBytes / 1024
                    + " KB even at " + d.width() + "x" + d.height() + " pixels; " + instead);
        }
        return d;
    }

    private static String summary(Metrics.Picked picked, MetricChart.Drawn drawn, int width, int height) {
        List<String> names = new ArrayList<>(picked.lines().stream().map(MetricView::name).toList());
        StringBuilder s = new StringBuilder("chart of " + String.join(", ", names) + " from time "
                + Views.num(drawn.from()) + " to " + Views.num(drawn.to()) + ": " + drawn.points()
                + (drawn.downsampled() ? " buckets (mean line, min-max band)" : " points") + ", " + drawn.width() + "x"
                + drawn.height() + " PNG" + (drawn.panels() > 1 ? " in " + drawn.panels() + " panels by scale: "
                + drawn.panelMetrics() : ""));
        if (drawn.width() != width || drawn.height() != height) {
            s.append(" (smaller than the ").append(width).append('x').append(height)
                    .append(" asked, to fit the response budget)");
        }
        if (!picked.leftOut().isEmpty()) {
            s.append(". Not drawn (at most ").append(MetricChart.MAX_LINES).append(" lines): ")
                    .append(String.join(", ", picked.leftOut())).append("; pass metrics to choose");
        }
        return s.toString();
    }
}
