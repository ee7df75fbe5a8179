package org.polysim.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A grid's resource layers (DESIGN.md "The environment"): one double per cell each, read, taken and put by scripts
 * at once, and evolved after each tick's commands (step 4b). Rollback copies a layer the first time it is written in
 * a tick and puts the copy back; a layer nobody touched costs nothing.
 */
final class Layers implements Part {

    private final SpaceSpec grid;
    private final Map<String, Layer> byName = new LinkedHashMap<>();

    static final class Layer {
        final LayerSpec spec;
        double[] values;
        private double[] saved;

        Layer(LayerSpec spec, double[] values) {
            this.spec = spec;
            this.values = values;
        }

        /** Before a write: keep the tick-start values once. */
        void touch() {
            if (saved == null) {
                saved = values.clone();
            }
        }
    }

    Layers(SpaceSpec grid) {
        this.grid = grid;
    }

    /** @param values one per cell, or null for the spec's initial value everywhere */
    void add(String name, LayerSpec spec, double[] values) {
        double[] v = values != null ? values : new double[grid.cells()];
        if (values == null) {
            java.util.Arrays.fill(v, spec.initial());
        }
        byName.put(name, new Layer(spec, v));
    }

    boolean isEmpty() {
        return byName.isEmpty();
    }

    java.util.Set<String> names() {
        return byName.keySet();
    }

    Layer get(String name, String what) {
        Layer l = byName.get(name);
        if (l == null) {
            throw new IllegalArgumentException(what + ": no layer '" + name + "' in this world (layers: "
                    + (byName.isEmpty() ? "none; declare them under layers in the world file"
                    : String.join(", ", byName.keySet())) + ")");
        }
        return l;
    }

    double value(String name, int cell) {
        return get(name, "layer").values[cell];
    }

    /** Removes up to {@code amount} from a cell now; returns what was taken. */
    double take(String name, int cell, double amount) {
        Layer l = get(name, "take");
        nonNegative(amount, "take");
        double taken = Math.min(amount, l.values[cell]);
        if (taken > 0) {
            l.touch();
            l.values[cell] -= taken;
        }
        return taken;
    }

    /** Adds up to {@code amount} to a cell now, never above the layer's max; returns what was added. */
    double put(String name, int cell, double amount) {
        Layer l = get(name, "put");
        nonNegative(amount, "put");
        double added = Math.max(0, Math.min(amount, l.spec.max() - l.values[cell]));
        if (added > 0) {
            l.touch();
            l.values[cell] += added;
        }
        return added;
    }

    private static void nonNegative(double amount, String what) {
        if (!(amount >= 0) || Double.isInfinite(amount)) {
            throw new IllegalArgumentException(what + ": amount must be a finite number >= 0, got " + amount);
        }
    }

    /** Step 4b: each layer regrows, diffuses, then evaporates. Runs no script, so it cannot fail. */
    void evolve() {
        for (Layer l : byName.values()) {
            if (!l.spec.evolves()) {
                continue;
            }
            double[] v = l.values; // no copy for rollback: nothing after step 4b can fail
            if (l.spec.regrow() > 0) {
                for (int c = 0; c < v.length; c++) {
                    v[c] = Math.min(l.spec.max(), v[c] + l.spec.regrow());
                }
            }
            if (l.spec.diffuse() > 0) {
                l.values = v = diffuse(v, l.spec.diffuse());
            }
            if (l.spec.evaporate() > 0) {
                double keep = 1 - l.spec.evaporate();
                for (int c = 0; c < v.length; c++) {
                    v[c] *= keep;
                }
            }
        }
    }

    /**
     * NetLogo's {@code diffuse}: each cell gives {@code share} of its value, split equally among its 8 (moore) or 4
     * (von Neumann) neighbours, 26 or 6 in 3D; the part for a neighbour beyond a bounded grid's edge stays in the
     * cell. Every value given is received, so the total is conserved (to rounding).
     */
    private double[] diffuse(double[] v, double share) {
        int w = (int) grid.width(), h = (int) grid.height(), d = grid.threeD() ? (int) grid.depth() : 1;
        int[][] offsets = Neighbours.of(grid);
        double each = share / offsets.length;
        double[] out = new double[v.length];
        for (int z = 0; z < d; z++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int c = (z * h + y) * w + x;
                    double give = v[c] * each;
                    double kept = v[c] - v[c] * share;
                    for (int[] o : offsets) {
                        int nx = x + o[0], ny = y + o[1], nz = z + o[2];
                        if (grid.torus()) {
                            nx = Math.floorMod(nx, w);
                            ny = Math.floorMod(ny, h);
                            nz = Math.floorMod(nz, d);
                        } else if (nx < 0 || ny < 0 || nz < 0 || nx >= w || ny >= h || nz >= d) {
                            kept += give;
                            continue;
                        }
                        out[(nz * h + ny) * w + nx] += give;
                    }
                    out[c] += kept;
                }
            }
        }
        return out;
    }

    /** The values of a layer (a copy). */
    double[] values(String name) {
        return get(name, "layer").values.clone();
    }

    LayerSpec spec(String name) {
        return get(name, "layer").spec;
    }

    @Override
    public void begin() {
        byName.values().forEach(l -> l.saved = null);
    }

    @Override
    public void rollback() {
        for (Layer l : byName.values()) {
            if (l.saved != null) {
                l.values = l.saved;
                l.saved = null;
            }
        }
    }

    private static final Fields FIELDS = WorldSchema.FIELDS;
    private static final java.util.Set<String> LAYER = WorldSchema.names(WorldSchema.LAYER);
    private static final String LAYERS = "layers";
    private static final String VALUES = "values";

    /** The layers; only a grid has them. */
    static Map<String, Definition.LayerDef> read(JsonNode node, SpaceSpec space) {
        Map<String, Definition.LayerDef> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        ObjectNode all = FIELDS.object(node, "layers");
        if (!all.isEmpty() && (space == null || !space.grid())) {
            throw new WorldFileException("layers", space == null
                    ? "layers need a grid: add space: { kind: grid, width: ..., height: ... }"
                    : "a continuous space has no cells to hold layers; use space.kind: grid");
        }
        for (var entry : all.properties()) {
            String where = "layers." + entry.getKey();
            ObjectNode l = FIELDS.object(entry.getValue(), where);
            FIELDS.known(l, LAYER, where);
            LayerSpec spec = LayerSpec.read(l, where);
            out.put(entry.getKey(), new Definition.LayerDef(spec, values(l.get(VALUES), space, spec, where)));
        }
        return out;
    }

    private static double[] values(JsonNode node, SpaceSpec space, LayerSpec spec, String where) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray() || node.size() != space.cells()) {
            throw new WorldFileException(where + "." + VALUES, "expected a list of " + space.cells() + " numbers (one "
                    + "per cell, x fastest, then y" + (space.threeD() ? ", then z" : "") + "), got "
                    + (node.isArray() ? node.size() + " items" : Fields.describe(node)));
        }
        double[] v = new double[node.size()];
        for (int i = 0; i < v.length; i++) {
            JsonNode x = node.get(i);
            if (!x.isNumber() || x.doubleValue() < 0) {
                throw new WorldFileException(where + "." + VALUES + "[" + i + "]", "expected a number >= 0, got "
                        + Fields.describe(x));
            }
            v[i] = x.doubleValue();
        }
        return v;
    }

    @Override
    public void write(ObjectNode snapshot) {
        if (byName.isEmpty()) {
            return;
        }
        ObjectNode all = snapshot.putObject(LAYERS);
        byName.forEach((name, l) -> {
            ObjectNode o = all.putObject(name);
            l.spec.write(o);
            var values = o.putArray(VALUES);
            for (double x : l.values) {
                values.add(Numbers.node(x));
            }
        });
    }

    /** Neighbour offsets of a grid cell, per neighbourhood and dimension. */
    static final class Neighbours {
        private Neighbours() {}

        static int[][] of(SpaceSpec grid) {
            java.util.List<int[]> out = new java.util.ArrayList<>();
            int dz = grid.threeD() ? 1 : 0;
            for (int z = -dz; z <= dz; z++) {
                for (int y = -1; y <= 1; y++) {
                    for (int x = -1; x <= 1; x++) {
                        int manhattan = Math.abs(x) + Math.abs(y) + Math.abs(z);
                        if (manhattan > 0 && (grid.neighborhood() == SpaceSpec.Neighborhood.MOORE || manhattan == 1)) {
                            out.add(new int[] {x, y, z});
                        }
                    }
                }
            }
            return out.toArray(new int[0][]);
        }
    }
}
