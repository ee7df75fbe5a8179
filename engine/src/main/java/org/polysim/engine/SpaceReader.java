package org.polysim.engine;


import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads a world file's {@code space}, {@code layers} and entity {@code at} fields; errors name the field path. */
final class SpaceReader {

    private static final Fields FIELDS = WorldReader.FIELDS;

    private static final Set<String> SPACE = WorldSchema.names(WorldSchema.SPACE);
    private static final Set<String> LAYER = WorldSchema.names(WorldSchema.LAYER);

    private SpaceReader() {}

    /** The space, or null when the file has none. */
    static SpaceSpec space(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        ObjectNode o = FIELDS.object(node, "space");
        FIELDS.known(o, SPACE, "space");
        String kind = FIELDS.optString(o, "kind", null, "space");
        if (kind == null) {
            throw new WorldFileException("space.kind", "missing: grid (whole-numbered cells) or continuous");
        }
        SpaceSpec.Kind k = switch (kind) {
            case "grid" -> SpaceSpec.Kind.GRID;
            case "continuous" -> SpaceSpec.Kind.CONTINUOUS;
            default -> throw new WorldFileException("space.kind", "unknown kind '" + kind
                    + "'; use grid (whole-numbered cells) or continuous");
        };
        double width = extent(o, "width", k, true);
        double height = extent(o, "height", k, true);
        double depth = extent(o, "depth", k, false);
        String hood = FIELDS.optString(o, "neighborhood", "moore", "space");
        SpaceSpec.Neighborhood n = switch (hood) {
            case "moore" -> SpaceSpec.Neighborhood.MOORE;
            case "von_neumann", "vonneumann", "von-neumann" -> SpaceSpec.Neighborhood.VON_NEUMANN;
            default -> throw new WorldFileException("space.neighborhood", "unknown neighborhood '" + hood
                    + "'; use moore (8 neighbours, 26 in 3D) or von_neumann (4, or 6)");
        };
        long capacity = FIELDS.optLong(o, "capacity", 0, "space");
        if (capacity < 0 || capacity > Integer.MAX_VALUE) {
            throw new WorldFileException("space.capacity", "must be a whole number >= 1 (or left out for no limit), "
                    + "got " + capacity);
        }
        if (k == SpaceSpec.Kind.CONTINUOUS && (o.has("capacity") || o.has("neighborhood"))) {
            throw new WorldFileException(o.has("capacity") ? "space.capacity" : "space.neighborhood",
                    "only a grid has cells; remove it, or use kind: grid");
        }
        JsonNode torus = o.get("torus");
        if (torus != null && !torus.isBoolean() && !torus.isNull()) {
            throw new WorldFileException("space.torus", "expected true or false, got " + Fields.describe(torus));
        }
        SpaceSpec spec = new SpaceSpec(k, width, height, depth, torus != null && torus.asBoolean(), n,
                (int) capacity);
        if (k == SpaceSpec.Kind.GRID && (double) spec.cells() > 10_000_000) {
            throw new WorldFileException("space", "a grid of " + (long) (width * height * Math.max(1, depth))
                    + " cells is too large (at most 10,000,000)");
        }
        return spec;
    }

    private static double extent(ObjectNode o, String field, SpaceSpec.Kind kind, boolean required) {
        if (!o.has(field)) {
            if (required) {
                throw new WorldFileException("space." + field, "missing: the space's size along this axis (a "
                        + (kind == SpaceSpec.Kind.GRID ? "whole number of cells" : "positive number") + ")");
            }
            return 0;
        }
        double v = FIELDS.optDouble(o, field, 0, "space");
        if (!(v > 0) || Double.isInfinite(v) || (kind == SpaceSpec.Kind.GRID && v != Math.rint(v))) {
            throw new WorldFileException("space." + field, "must be a " + (kind == SpaceSpec.Kind.GRID
                    ? "whole number of cells >= 1" : "positive number") + ", got " + Numbers.exact(v));
        }
        return v;
    }

    /** The layers; only a grid has them. */
    static Map<String, Definition.LayerDef> layers(JsonNode node, SpaceSpec space) {
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
            double max = l.has("max") ? FIELDS.optDouble(l, "max", 0, where) : Double.POSITIVE_INFINITY;
            LayerSpec spec;
            try {
                spec = new LayerSpec(FIELDS.optDouble(l, "initial", 0, where), max,
                        FIELDS.optDouble(l, "regrow", 0, where), FIELDS.optDouble(l, "diffuse", 0, where),
                        FIELDS.optDouble(l, "evaporate", 0, where));
            } catch (IllegalArgumentException e) {
                throw new WorldFileException(where, e.getMessage());
            }
            out.put(entry.getKey(), new Definition.LayerDef(spec, values(l.get("values"), space, spec, where)));
        }
        return out;
    }

    private static double[] values(JsonNode node, SpaceSpec space, LayerSpec spec, String where) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray() || node.size() != space.cells()) {
            throw new WorldFileException(where + ".values", "expected a list of " + space.cells() + " numbers (one "
                    + "per cell, x fastest, then y" + (space.threeD() ? ", then z" : "") + "), got "
                    + (node.isArray() ? node.size() + " items" : Fields.describe(node)));
        }
        double[] v = new double[node.size()];
        for (int i = 0; i < v.length; i++) {
            JsonNode x = node.get(i);
            if (!x.isNumber() || x.doubleValue() < 0) {
                throw new WorldFileException(where + ".values[" + i + "]", "expected a number >= 0, got "
                        + Fields.describe(x));
            }
            v[i] = x.doubleValue();
        }
        return v;
    }

    /**
     * An entity's {@code at}: {@code random} (the default in a space), {@code free}, {@code none} (not placed) or
     * a position; nothing in a world without space.
     */
    static Space.Placement placement(JsonNode at, SpaceSpec space, String where) {
        if (space == null) {
            if (at != null && !at.isNull()) {
                throw new WorldFileException(where, "this world has no space to place entities in; remove at, or "
                        + "add space: { kind: grid, width: ..., height: ... }");
            }
            return Space.Placement.NONE;
        }
        if (at == null || at.isNull()) {
            return Space.Placement.RANDOM;
        }
        if (at.isString()) {
            return switch (at.stringValue()) {
                case "random" -> Space.Placement.RANDOM;
                case "free" -> Space.Placement.FREE;
                case "none" -> Space.Placement.NONE;
                default -> throw new WorldFileException(where, "unknown placement '" + at.stringValue()
                        + "'; use random, free, none or a position " + example(space));
            };
        }
        if (!at.isArray() || at.size() != space.axes()) {
            throw new WorldFileException(where, "expected random, free, none or a position " + example(space)
                    + ", got " + Fields.describe(at));
        }
        for (JsonNode c : at) {
            if (!c.isNumber()) {
                throw new WorldFileException(where, "a position holds numbers, got " + Fields.describe(c));
            }
        }
        try {
            return Space.Placement.at(Space.position(space, at.get(0).doubleValue(), at.get(1).doubleValue(),
                    space.threeD() ? at.get(2).doubleValue() : null, "at"));
        } catch (IllegalArgumentException e) {
            throw new WorldFileException(where, e.getMessage().replaceFirst("^at: ", ""));
        }
    }

    private static String example(SpaceSpec space) {
        return space.threeD() ? "[x, y, z]" : "[x, y]";
    }
}
