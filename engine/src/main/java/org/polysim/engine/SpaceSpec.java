package org.polysim.engine;

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
