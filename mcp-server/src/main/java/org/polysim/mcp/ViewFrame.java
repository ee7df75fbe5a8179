package org.polysim.mcp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.polysim.engine.LayerSpec;
import org.polysim.engine.LogLine;
import org.polysim.engine.MetricView;
import org.polysim.engine.NetworkView;
import org.polysim.engine.Numbers;
import org.polysim.engine.SpaceSpec;
import org.polysim.engine.World;
import org.polysim.plot.NetworkPicture;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One picture of a world for the live view (view_world): where the entities are, a layer as a heat map, the recent
 * metric series, the log's tail, the params and the snapshots; a network without space as its graph (nodes placed
 * by JGraphT's force-directed layout in a unit square, links as pairs of indexes); a table of entities for a world
 * with neither. Sized
 * to the response budget it is given, never cut: positions are packed as little-endian arrays in base64 (x and y as
 * 16-bit fractions of the space's width and height, the script as a byte, the id as its number k where it is
 * {@code <script>-<k>}), which the page unpacks, about 12 bytes an entity; when more entities than fit, an even
 * sample (every n-th in creation order, the same ones frame after frame) is shown, and the frame says so.
 */
final class ViewFrame {

    /** What the caller asked for. */
    record Options(String colorBy, String layer, int maxPoints) {
    }

    /** Entities drawn at most: a canvas of 560 pixels a side shows no more; past it, an even sample. */
    static final int MAX_POINTS = 50_000;
    /** Bytes one entity takes in a frame at most (x, y, z, script, id, colour value, in base64). */
    private static final int POINT_BYTES = 21;
    /** Points of one metric series at most: a chart a few hundred pixels wide shows no more. */
    static final int SERIES_POINTS = 240;
    /** Metrics drawn at most, and log lines shown. */
    static final int METRICS = 6;
    static final int LOG_LINES = 8;
    /** Distinct values a text field is coloured by at most (the page's palette has ten colours, then repeats). */
    static final int CATEGORIES = 12;
    /** Entities listed in a world without space. */
    static final int TABLE_ROWS = 40;
    /** A layer is drawn at most this many cells a side (averaged down when larger). */
    static final int LAYER_SIDE = 160;

    private ViewFrame() {}

    static ObjectNode of(World w, Options o, List<Snapshots.Snapshot> snapshots, Runs.Run run, int budget) {
        ObjectNode f = Json.object();
        World.Status s = w.status();
        f.put("world_name", w.name()).put("tick", s.tick()).put("time", s.time()).put("version", w.version())
                .put("entities", s.entities());
        Map<String, Integer> counts = w.countsByScript();
        List<String> scripts = List.copyOf(counts.keySet());
        ObjectNode byScript = f.putObject("counts");
        counts.forEach(byScript::put);
        ArrayNode languages = f.putArray("scripts");
        w.scriptLanguages().forEach((id, lang) -> languages.addObject().put("id", id).put("language", lang));
        if (run != null) {
            f.putObject("running").put("from_tick", run.fromTick).put("to_tick", run.toTick);
        }
        f.set("params", w.snapshotParams());
        ArrayNode snaps = f.putArray("snapshots");
        snapshots.forEach(sn -> snaps.addObject().put("id", sn.id()).put("time", sn.time()).put("label", sn.label()));
        metrics(f, w);
        ArrayNode log = f.putArray("log");
        for (LogLine l : w.log(null, LOG_LINES)) {
            log.add("t=" + Numbers.brief(l.time()) + (l.entity().isEmpty() ? "" : " " + l.entity()) + ": " + l.text());
        }
        var space = w.space();
        if (space.isPresent()) {
            f.set("space", space.get().json());
            layer(f, w, o.layer());
            int room = Math.max(0, budget - Json.compact(f).length() - 4096);
            points(f, w, space.get(), scripts, o, Math.min(o.maxPoints(), room / POINT_BYTES), w.positions());
        } else if (w.hasNetwork()) {
            graph(f, w, scripts, o, budget);
        } else {
            table(f, w);
        }
        return f;
    }

    /** A network without space as its graph: placed by force (cached while the network stays as it is), its links. */
    private static void graph(ObjectNode f, World w, List<String> scripts, Options o, int budget) {
        NetworkView net = w.network();
        NetworkPicture.Placement at = placement(w.name(), net, w.seed());
        List<World.Placed> placed = new ArrayList<>(at.kept().size());
        for (int v = 0; v < at.kept().size(); v++) {
            int node = at.kept().get(v);
            placed.add(new World.Placed(net.nodes().get(node), net.scripts().get(node), at.xs()[v],
                    1 - at.ys()[v], 0)); // the page draws y upwards
        }
        f.set("space", UNIT.json());
        int room = Math.max(0, budget - Json.compact(f).length() - 4096);
        int shown = Math.min(placed.size(), Math.min(o.maxPoints(), room / 2 / POINT_BYTES));
        int step = points(f, w, UNIT, scripts, o, shown, placed);
        int linkRoom = Math.max(0, budget - Json.compact(f).length() - 4096) * 3 / 4 / 4;
        List<int[]> lines = at.lines().stream().filter(l -> l[0] % step == 0 && l[1] % step == 0).toList();
        int kept = Math.min(lines.size(), linkRoom);
        ByteBuffer pairs = buffer(kept * 4);
        for (int[] l : lines.subList(0, kept)) {
            pairs.putShort((short) (l[0] / step)).putShort((short) (l[1] / step));
        }
        ObjectNode g = f.putObject("graph").put("nodes", net.nodes().size()).put("links", net.links())
                .put("links_shown", kept).put("pairs", base64(pairs));
        if (at.kept().size() < net.nodes().size() || kept < net.links()) {
            f.put("note", "showing " + f.path("points").path("shown").asInt() + " of " + net.nodes().size()
                    + " nodes (breadth first from the best-connected) and the " + kept + " links among them");
        }
    }

    /** The unit square a graph is drawn in. */
    private static final SpaceSpec UNIT = new SpaceSpec(SpaceSpec.Kind.CONTINUOUS, 1, 1, 0, false,
            SpaceSpec.Neighborhood.MOORE, 0);

    /** Placements by world, kept while its network is the same: a frame a tick must not lay the graph out again. */
    private static final Map<String, Map.Entry<Integer, NetworkPicture.Placement>> PLACED =
            java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Map.Entry<Integer, NetworkPicture.Placement>> e) {
                    return size() > 8;
                }
            });

    /** {@code world}'s placement: the one kept, while {@code net} is the network it was made of. */
    static NetworkPicture.Placement placement(String world, NetworkView net, long seed) {
        int shape = java.util.Objects.hash(net.nodes(), java.util.Arrays.hashCode(net.from()),
                java.util.Arrays.hashCode(net.to()), seed);
        var cached = PLACED.get(world);
        if (cached != null && cached.getKey() == shape) {
            return cached.getValue();
        }
        NetworkPicture.Placement at = NetworkPicture.place(net, seed);
        PLACED.put(world, Map.entry(shape, at));
        return at;
    }

    /** Packs {@code all}, or every n-th of them past {@code max}; returns n (1: all of them). */
    private static int points(ObjectNode f, World w, SpaceSpec space, List<String> scripts, Options o, int max,
                              List<World.Placed> all) {
        int step = all.size() <= max ? 1 : (int) Math.ceil(all.size() / (double) Math.max(1, max));
        List<World.Placed> shown = new ArrayList<>(all.size() / step + 1);
        for (int i = 0; i < all.size(); i += step) {
            shown.add(all.get(i));
        }
        int n = shown.size();
        ByteBuffer xy = buffer(n * 4);
        ByteBuffer z = space.threeD() ? buffer(n * 2) : null;
        ByteBuffer script = buffer(n);
        ByteBuffer k = buffer(n * 4);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < scripts.size(); i++) {
            index.put(scripts.get(i), i);
        }
        ObjectNode odd = Json.object(); // ids not of the form <script>-<k>, by position in the frame
        for (int i = 0; i < n; i++) {
            World.Placed p = shown.get(i);
            xy.putShort(fraction(p.x(), space.width())).putShort(fraction(p.y(), space.height()));
            if (z != null) {
                z.putShort(fraction(p.z(), space.depth()));
            }
            script.put((byte) (int) index.getOrDefault(p.script(), 0));
            long number = number(p.id(), p.script());
            k.putInt((int) number);
            if (number < 0) {
                odd.put(Integer.toString(i), p.id());
            }
        }
        ObjectNode pts = f.putObject("points").put("total", all.size()).put("shown", n).put("every", step)
                .put("xy", base64(xy)).put("script", base64(script)).put("k", base64(k));
        if (z != null) {
            pts.put("z", base64(z));
        }
        if (!odd.isEmpty()) {
            pts.set("ids", odd);
        }
        if (o.colorBy() != null) {
            colours(pts, w.stateValues(o.colorBy()), shown, o.colorBy());
        }
        if (step > 1) {
            f.put("note", "showing " + n + " of " + all.size() + " entities (every " + step + "th, the same ones "
                    + "each frame)");
        }
        return step;
    }

    /**
     * What each shown entity's {@code field} holds, for colouring: numbers (a boolean as 1 or 0) as 32-bit floats
     * with their range; anything else (text, or a mix) as a category, a byte per entity indexing {@code categories} (the first {@link
     * #CATEGORIES} values in creation order; 255 for none, or for one past them, which the frame counts).
     */
    private static void colours(ObjectNode pts, Map<String, tools.jackson.databind.JsonNode> values,
                                List<World.Placed> shown, String field) {
        pts.put("color_by", field);
        boolean text = values.values().stream().anyMatch(x -> !x.isNumber() && !x.isBoolean());
        if (text) {
            Map<String, Integer> index = new java.util.LinkedHashMap<>();
            ByteBuffer v = buffer(shown.size());
            int other = 0;
            for (World.Placed p : shown) {
                var x = values.get(p.id());
                String key = x == null ? null : x.isString() ? x.stringValue() : x.toString();
                if (key != null && !index.containsKey(key) && index.size() < CATEGORIES) {
                    index.put(key, index.size());
                }
                Integer i = key == null ? null : index.get(key);
                other += key != null && i == null ? 1 : 0;
                v.put((byte) (i == null ? 255 : i));
            }
            ArrayNode categories = pts.putArray("categories");
            index.keySet().forEach(categories::add);
            pts.put("category", base64(v));
            if (other > 0) {
                pts.put("other", other);
            }
            return;
        }
        ByteBuffer v = buffer(shown.size() * 4);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (World.Placed p : shown) {
            var node = values.get(p.id());
            Double x = node == null ? null : node.isBoolean() ? (node.booleanValue() ? 1.0 : 0.0) : node.doubleValue();
            v.putFloat(x == null ? Float.NaN : x.floatValue());
            if (x != null) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        pts.put("value", base64(v));
        if (lo <= hi) {
            pts.put("value_min", lo).put("value_max", hi);
        }
    }

    /** The layer asked for (else the first), averaged down to at most {@link #LAYER_SIDE} cells a side. */
    private static void layer(ObjectNode f, World w, String asked) {
        Map<String, LayerSpec> layers = w.layers();
        if (layers.isEmpty()) {
            return;
        }
        ArrayNode names = f.putArray("layers");
        layers.keySet().forEach(names::add);
        String name = asked != null && layers.containsKey(asked) ? asked : layers.keySet().iterator().next();
        SpaceSpec space = w.space().orElseThrow();
        double[] values = w.layerValues(name);
        int nx = (int) space.width();
        int ny = (int) space.height();
        int nz = space.threeD() ? (int) space.depth() : 1;
        int scale = Math.max(1, (int) Math.ceil(Math.max(nx, ny) / (double) LAYER_SIDE));
        int wx = (nx + scale - 1) / scale;
        int wy = (ny + scale - 1) / scale;
        double[] sums = new double[wx * wy * nz];
        int[] cells = new int[sums.length];
        double max = 0;
        for (int i = 0; i < values.length; i++) {
            int x = i % nx;
            int y = (i / nx) % ny;
            int zz = i / (nx * ny);
            int j = (zz * wy + y / scale) * wx + x / scale;
            sums[j] += values[i];
            cells[j]++;
            max = Math.max(max, values[i]);
        }
        ByteBuffer out = buffer(sums.length);
        for (int j = 0; j < sums.length; j++) {
            double mean = cells[j] == 0 ? 0 : sums[j] / cells[j];
            out.put((byte) (max <= 0 ? 0 : (int) Math.round(255 * mean / max)));
        }
        f.putObject("layer").put("name", name).put("nx", wx).put("ny", wy).put("nz", nz).put("cell", scale)
                .put("max", max).put("values", base64(out));
    }

    /** The first {@link #METRICS} metrics (a script's before the engine's counts). */
    private static void metrics(ObjectNode f, World w) {
        List<String> names = w.metricNames();
        ObjectNode out = f.putObject("metrics");
        ArrayNode all = f.putArray("metric_names");
        w.metricNames().forEach(all::add);
        for (String name : names.subList(0, Math.min(METRICS, names.size()))) {
            w.metric(name).ifPresent(m -> out.set(name, series(m)));
        }
    }

    private static ObjectNode series(MetricView m) {
        ObjectNode s = Json.object();
        ArrayNode t = s.putArray("t");
        ArrayNode v = s.putArray("v");
        int n = m.times().length;
        int step = Math.max(1, (int) Math.ceil(n / (double) SERIES_POINTS));
        for (int i = (n - 1) % step; i < n; i += step) { // ends at the last value
            t.add(Numbers.node(m.times()[i]));
            v.add(Numbers.node(m.values()[i]));
        }
        return s;
    }

    private static void table(ObjectNode f, World w) {
        ArrayNode rows = f.putArray("table");
        List<String> ids = w.entityIds(null);
        for (String id : ids.subList(0, Math.min(TABLE_ROWS, ids.size()))) {
            ObjectNode row = rows.addObject().put("id", id).put("script", w.scriptOf(id).orElse(""));
            w.entityState(id).ifPresent(st -> row.set("state", Fit.fit(st, 400).value()));
        }
    }

    /** {@code k} of an id {@code <script>-<k>}, or -1. */
    static long number(String id, String script) {
        if (id.length() <= script.length() + 1 || !id.startsWith(script) || id.charAt(script.length()) != '-') {
            return -1;
        }
        String k = id.substring(script.length() + 1);
        if (k.length() > 9 || k.startsWith("0") || !k.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Long.parseLong(k);
    }

    private static short fraction(double v, double extent) {
        return (short) (int) Math.round(Math.clamp(v / extent, 0, 1) * 65535);
    }

    private static ByteBuffer buffer(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static String base64(ByteBuffer b) {
        return Base64.getEncoder().encodeToString(b.array());
    }
}
