package org.polysim.engine;

import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A world's space (DESIGN.md "The environment"): a grid of whole-numbered cells or a continuous plane, 2D or, with a
 * {@code depth}, 3D; bounded or a torus.
 *
 * @param depth        0 for a 2D space
 * @param neighborhood which cells a grid's {@code near} and a layer's {@code diffuse} count as neighbours
 * @param capacity     most entities per grid cell; 0 for no limit
 */
public record SpaceSpec(Kind kind, double width, double height, double depth, boolean torus,
                        Neighborhood neighborhood, int capacity) {

    public enum Kind { GRID, CONTINUOUS }

    public enum Neighborhood { MOORE, VON_NEUMANN }

    public SpaceSpec {
        if (kind == null || neighborhood == null) {
            throw new IllegalArgumentException("a space needs a kind and a neighborhood");
        }
    }

    public boolean grid() {
        return kind == Kind.GRID;
    }

    public boolean threeD() {
        return depth > 0;
    }

    /** Number of axes: 2, or 3 with a depth. */
    public int axes() {
        return threeD() ? 3 : 2;
    }

    /** Cells of a grid (1 layer deep in 2D). */
    public int cells() {
        return (int) width * (int) height * (threeD() ? (int) depth : 1);
    }

    private static final Fields FIELDS = WorldSchema.FIELDS;
    private static final Set<String> SPACE = WorldSchema.names(WorldSchema.SPACE);

    /** The space, or null when the file has none. */
    static SpaceSpec read(JsonNode node) {
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

    /** As a world file writes it. */
    public ObjectNode json() {
        ObjectNode o = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        write(o);
        return o;
    }

    void write(ObjectNode o) {
        o.put("kind", kind == Kind.GRID ? "grid" : "continuous");
        put(o, "width", width);
        put(o, "height", height);
        if (threeD()) {
            put(o, "depth", depth);
        }
        o.put("torus", torus);
        if (grid()) {
            o.put("neighborhood", neighborhood == Neighborhood.MOORE ? "moore" : "von_neumann");
            if (capacity > 0) {
                o.put("capacity", capacity);
            }
        }
    }

    private void put(ObjectNode o, String field, double v) {
        o.set(field, Numbers.node(v));
    }
}
