package org.polysim.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.polysim.engine.LayerSpec;
import org.polysim.engine.SpaceSpec;
import org.polysim.engine.World;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code get_space}: a world's space at a glance, small enough for a model to read: where the entities are (per
 * script), how full the cells are, each layer's statistics, and a map: the grid (or the plane, binned) drawn as rows
 * of characters, downsampled to at most {@code size} columns by summing (counts) or averaging (layers) blocks.
 */
final class SpaceTools {

    /** Map levels: '.' empty, then 1-9, then '#' for ten or more (counts) or the top tenth (layers). */
    private static final String LEVELS = ".123456789#";

    private final ServerState state;

    SpaceTools(ServerState state) {
        this.state = state;
    }

    List<Tool> tools() {
        return List.of(new Tool("get_space", "A world's space as text: size, entities per script, occupancy, layer "
                + "statistics, a map of entities or a layer (row 0 is y = 0; 3D summed over z).",
                Schema.of().required("world_name", "string", "Name of the world.")
                        .optional("map", "string", "entities (default), a layer, or none.")
                        .optional("script", "string", "With map: entities, count only this script's.")
                        .optional("size", "integer", "Map columns and rows (default 40)."),
                Schema.of().optional("space", "object", "The space's definition.")
                        .optional("map", "object", "{of, cell, rows, legend}").open(),
                Tool.Hints.READ, this::space));
    }

    private Tool.Result space(Tool.Call c) throws Exception {
        String name = c.args().string("world_name");
        String map = c.args().optString("map");
        String script = c.args().optString("script");
        int size = (int) c.args().integer("size", 4, 100, 40L);
        return state.worlds.withWorld(name, w -> {
            SpaceSpec spec = w.space().orElseThrow(() -> new ToolError("world '" + name + "' has no space; give "
                    + "one at create_world, e.g. space: {kind: grid, width: 20, height: 20}"));
            if (script != null && !w.scriptLanguages().containsKey(script)) {
                throw new ToolError(w.unknownScript(script));
            }
            Map<String, LayerSpec> layers = w.layers();
            String of = map == null ? "entities" : map;
            if (!of.equals("entities") && !of.equals("none") && !layers.containsKey(of)) {
                throw new ToolError("get_space: map must be entities, none or a layer (layers: " + (layers.isEmpty()
                        ? "none" : String.join(", ", layers.keySet())) + "), got '" + of + "'"
                        + (w.scriptLanguages().containsKey(of) ? "; to map the entities of script '" + of
                        + "', pass map: entities, script: " + of : ""));
            }
            ObjectNode out = Json.object().put("world_name", name).put("time", w.time());
            out.set("space", spec.json());
            List<World.Placed> placed = w.positions();
            out.put("placed", placed.size()).put("unplaced", w.entityCount() - placed.size());
            ObjectNode byScript = out.putObject("placed_by_script");
            Map<String, Integer> counts = new LinkedHashMap<>();
            placed.forEach(p -> counts.merge(p.script(), 1, Integer::sum));
            counts.forEach(byScript::put);
            StringBuilder text = new StringBuilder("world '" + name + "' at time " + Views.num(w.time()) + ": "
                    + describe(spec) + "; " + Views.count(placed.size(), "entity", "entities") + " placed " + counts);
            if (spec.grid()) {
                int[] occ = w.occupancy();
                int occupied = 0, most = 0;
                for (int n : occ) {
                    occupied += n > 0 ? 1 : 0;
                    most = Math.max(most, n);
                }
                out.putObject("cells").put("total", occ.length).put("occupied", occupied).put("most_in_one", most);
                text.append("; ").append(occupied).append(" of ").append(occ.length).append(" cells occupied");
            }
            ObjectNode ls = out.putObject("layers");
            layers.forEach((layer, ls2) -> {
                double[] v = w.layerValues(layer);
                double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, total = 0;
                for (double x : v) {
                    min = Math.min(min, x);
                    max = Math.max(max, x);
                    total += x;
                }
                ls.putObject(layer).put("min", min).put("mean", total / v.length).put("max", max)
                        .put("total", total);
                text.append("; layer ").append(layer).append(": mean ").append(Views.num(total / v.length))
                        .append(", max ").append(Views.num(max)).append(", total ").append(Views.num(total));
            });
            if (!of.equals("none")) {
                ObjectNode m = drawn(spec, of, of.equals("entities") ? counts(spec, placed, script)
                        : w.layerValues(of), size, !of.equals("entities"));
                if (script != null) {
                    m.put("script", script);
                }
                out.set("map", m);
                text.append("\nmap of ").append(of).append(script == null ? "" : " (" + script + ")")
                        .append(", one character per ").append(m.get("cell").stringValue()).append(" (")
                        .append(m.get("legend").stringValue()).append("):\n");
                m.get("rows").forEach(r -> text.append(r.stringValue()).append('\n'));
            }
            return new Tool.Result(out, text.toString().strip(), true);
        });
    }

    private static String describe(SpaceSpec s) {
        String dims = Views.num(s.width()) + " x " + Views.num(s.height())
                + (s.threeD() ? " x " + Views.num(s.depth()) : "");
        return (s.grid() ? "grid " : "continuous ") + dims + (s.torus() ? " torus" : " bounded")
                + (s.grid() && s.capacity() > 0 ? ", capacity " + s.capacity() : "");
    }

    /** Entities per unit cell of the map's base grid (a grid's cells; continuous: unit squares), summed over z. */
    private static double[] counts(SpaceSpec spec, List<World.Placed> placed, String script) {
        int w = (int) Math.ceil(spec.width()), h = (int) Math.ceil(spec.height());
        double[] out = new double[w * h];
        for (World.Placed p : placed) {
            if (script == null || p.script().equals(script)) {
                out[Math.min(h - 1, (int) p.y()) * w + Math.min(w - 1, (int) p.x())]++;
            }
        }
        return out;
    }

    /**
     * The map: base cells grouped in blocks of {@code k x k} so that it fits in {@code size} columns and rows;
     * counts are summed per block, layer values averaged and scaled to the layer's highest block.
     */
    private static ObjectNode drawn(SpaceSpec spec, String of, double[] base, int size, boolean averaged) {
        int w = (int) Math.ceil(spec.width()), h = (int) Math.ceil(spec.height());
        int depth = averaged && spec.threeD() ? (int) spec.depth() : 1;
        int k = Math.max(1, (int) Math.ceil(Math.max(w, h) / (double) size));
        int cols = (w + k - 1) / k, rows = (h + k - 1) / k;
        double[] blocks = new double[cols * rows];
        int[] n = new int[cols * rows];
        for (int z = 0; z < depth; z++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int b = (y / k) * cols + x / k;
                    blocks[b] += base[(z * h + y) * w + x];
                    n[b]++;
                }
            }
        }
        double top = 0;
        for (int b = 0; b < blocks.length; b++) {
            if (averaged) {
                blocks[b] /= Math.max(1, n[b]);
            }
            top = Math.max(top, blocks[b]);
        }
        ArrayNode lines = Json.F.arrayNode();
        for (int y = 0; y < rows; y++) {
            StringBuilder line = new StringBuilder(cols);
            for (int x = 0; x < cols; x++) {
                double v = blocks[y * cols + x];
                int level = v <= 0 ? 0 : averaged ? Math.max(1, (int) Math.ceil(v / top * 10)) : (int) Math.min(10, v);
                line.append(LEVELS.charAt(Math.min(10, level)));
            }
            lines.add(line.toString());
        }
        String unit = spec.grid() ? "cell" : "unit square";
        ObjectNode m = Json.object().put("of", of).put("cell", k == 1 ? unit : k + "x" + k + " " + unit + "s");
        m.put("legend", averaged ? "'.' 0, 1-9 and '#' in tenths of the highest block mean, "
                + Views.num(top) : "'.' none, 1-9 entities, '#' ten or more");
        m.set("rows", lines);
        return m;
    }
}
