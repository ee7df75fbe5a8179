package org.polysim.engine;

import tools.jackson.databind.node.ObjectNode;

/**
 * A resource layer: one number per grid cell that scripts read, take and put, and that evolves after the commands of
 * each tick (DESIGN.md step 4b): {@code regrow} (added, up to {@code max}), then {@code diffuse} (the share each cell
 * gives its neighbours, NetLogo's {@code diffuse}), then {@code evaporate} (the share lost).
 *
 * @param max the most a cell holds; {@link Double#POSITIVE_INFINITY} for no limit
 */
public record LayerSpec(double initial, double max, double regrow, double diffuse, double evaporate) {

    public LayerSpec {
        check("initial", initial, 0, max);
        check("regrow", regrow, 0, Double.POSITIVE_INFINITY);
        check("diffuse", diffuse, 0, 1);
        check("evaporate", evaporate, 0, 1);
    }

    private static void check(String field, double v, double lo, double hi) {
        if (Double.isNaN(v) || v < lo || v > hi) {
            throw new IllegalArgumentException(field + " must be between " + Numbers.brief(lo, 6) + " and "
                    + (hi == Double.POSITIVE_INFINITY ? "any number" : (field.equals("initial") ? "max ("
                    + Numbers.brief(hi, 6) + ")" : Numbers.brief(hi, 6))) + ", got " + Numbers.brief(v, 6));
        }
    }

    /** Whether anything happens to the layer at step 4b. */
    boolean evolves() {
        return regrow > 0 || diffuse > 0 || evaporate > 0;
    }

    /** A layer's fields as {@link #write} writes them; {@code where} is the layer's path in the file. */
    static LayerSpec read(ObjectNode l, String where) {
        Fields fields = WorldSchema.FIELDS;
        double max = l.has("max") ? fields.optDouble(l, "max", 0, where) : Double.POSITIVE_INFINITY;
        try {
            return new LayerSpec(fields.optDouble(l, "initial", 0, where), max,
                    fields.optDouble(l, "regrow", 0, where), fields.optDouble(l, "diffuse", 0, where),
                    fields.optDouble(l, "evaporate", 0, where));
        } catch (IllegalArgumentException e) {
            throw new WorldFileException(where, e.getMessage());
        }
    }

    /** As a world file writes it. */
    public ObjectNode json() {
        ObjectNode o = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        write(o);
        return o;
    }

    void write(ObjectNode o) {
        o.set("initial", Numbers.node(initial));
        if (max != Double.POSITIVE_INFINITY) {
            o.set("max", Numbers.node(max));
        }
        if (regrow > 0) {
            o.set("regrow", Numbers.node(regrow));
        }
        if (diffuse > 0) {
            o.set("diffuse", Numbers.node(diffuse));
        }
        if (evaporate > 0) {
            o.set("evaporate", Numbers.node(evaporate));
        }
    }
}
